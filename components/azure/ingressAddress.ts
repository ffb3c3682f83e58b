import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";

export interface IngressAddressArgs {
  resourceGroupName: pulumi.Input<string>;
  resourceGroupId: pulumi.Input<string>;
  location: string;
  subscriptionId: string;
  /** The zones of the region; the address spans them all. */
  zones: string[];
  /** The AKS control plane's identity, which attaches the address to the cluster's load balancer. */
  clusterPrincipalId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * The region's public entry, reserved by the stack rather than by the load balancer: a Standard static IPv4
 * address across the region's zones (a zone-redundant frontend survives a zone loss,
 * learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses, "Availability Zone", read
 * 2026-12-01), which the ingress controller's LoadBalancer Service takes by name. It lives in the stamp's
 * resource group, not in the node resource group AKS locks, so the cluster identity needs Network Contributor
 * on that group ("use a static public IP", learn.microsoft.com/azure/aks/static-ip, "Create a service using
 * the static public IP address", read 2026-12-01).
 *
 * Protected although it holds no data: traffic management points at this address, and a new one would
 * leave users resolving to an address nobody answers on until every cache expired.
 */
export class IngressAddress extends pulumi.ComponentResource {
  readonly address: network.PublicIPAddress;
  readonly name: pulumi.Output<string>;
  readonly ipAddress: pulumi.Output<string>;
  readonly id: pulumi.Output<string>;
  readonly roleAssignment: authorization.RoleAssignment;

  constructor(name: string, args: IngressAddressArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:IngressAddress", name, {}, opts);
    this.address = new network.PublicIPAddress(`${name}-ip`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      tags: args.tags,
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      zones: args.zones,
    }, { parent: this, protect: true });
    this.name = this.address.name;
    this.id = this.address.id;
    this.ipAddress = this.address.ipAddress.apply((ip) => {
      if (!ip) throw new Error(`the public IP ${name} has no address; a static Standard address is assigned when it is created`);
      return ip;
    });
    this.roleAssignment = new authorization.RoleAssignment(`${name}-network`, {
      scope: args.resourceGroupId,
      principalId: args.clusterPrincipalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(args.subscriptionId, BUILT_IN_ROLES.networkContributor),
      description: "AKS control plane: attach the ingress public IP of the stamp's resource group to the cluster load balancer",
    }, { parent: this });
    this.registerOutputs({ ipAddress: this.ipAddress });
  }
}
