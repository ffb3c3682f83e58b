import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";

/** A virtual network named by its parts, as ARM ids spell them. */
export interface VnetRef {
  id: pulumi.Input<string>;
  name: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
}

export interface PrivateApiPathArgs {
  /** The stamp's resource group: the zone and the stamp-side peering live there. */
  resourceGroupName: pulumi.Input<string>;
  /**
   * The cluster's private DNS zone. With API Server VNet Integration AKS takes `private.<region>.azmk8s.io` or
   * `<subzone>.private.<region>.azmk8s.io`, a subzone of at most 32 characters
   * (learn.microsoft.com/azure/aks/private-clusters, "Configuration options for private DNS", ms.date 2026-08-05,
   * read 2026-11-22). A subzone of its own keeps the link to the runner's network from clashing with another
   * cluster's: one network cannot be linked to two zones of the same name.
   */
  zoneName: string;
  stampVnet: VnetRef;
  /** The existing network `pulumi up` runs in (`dalp:cluster.apiAccess.runnerNetwork`). */
  runnerVnet: VnetRef;
  /** A provider for the runner network's subscription, which may not be the stamp's. */
  runnerProvider: pulumi.ProviderResource;
  /** Writes to the stamp's VNet that must finish first: Azure refuses concurrent writes to one VNet. */
  after: pulumi.Resource[];
  tags: Record<string, string>;
}

/**
 * How `pulumi up` reaches a private AKS API from the network it runs in: the cluster's own private DNS zone,
 * linked to the stamp's VNet and to the runner's, and a peering between the two in both directions (a peering
 * carries traffic only once both sides exist). AKS's default zone (`privateDNSZone: system`) cannot serve: it
 * is created in the node resource group, which `restrictionLevel: ReadOnly` locks, so nobody can link it to
 * another network. The zone must exist before the cluster and cannot be changed or deleted afterwards (same
 * page), so it is protected.
 */
export class PrivateApiPath extends pulumi.ComponentResource {
  readonly zone: privatedns.PrivateZone;
  readonly zoneId: pulumi.Output<string>;
  /** Links and peerings: what must exist before anything talks to the API. */
  readonly ready: pulumi.CustomResource[];

  constructor(name: string, args: PrivateApiPathArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PrivateApiPath", name, {}, opts);
    const rg = args.resourceGroupName;
    // Private DNS zones are global resources whatever the region of their resource group.
    this.zone = new privatedns.PrivateZone(`${name}-zone`, { resourceGroupName: rg, privateZoneName: args.zoneName, location: "global", tags: args.tags }, { parent: this, protect: true });
    this.zoneId = this.zone.id;

    const link = (side: string, vnet: VnetRef) =>
      new privatedns.VirtualNetworkLink(`${name}-${side}-link`, {
        resourceGroupName: rg,
        privateZoneName: this.zone.name,
        location: "global",
        virtualNetwork: { id: vnet.id },
        registrationEnabled: false,
        tags: args.tags,
      }, { parent: this });
    const links = [link("stamp", args.stampVnet), link("runner", args.runnerVnet)];

    // Only address space is shared: no gateway transit, no forwarded traffic, so the peering opens the two
    // networks to each other and nothing beyond them.
    const peering = { allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false };
    const toRunner = new network.VirtualNetworkPeering(`${name}-to-runner`, {
      resourceGroupName: args.stampVnet.resourceGroupName,
      virtualNetworkName: args.stampVnet.name,
      remoteVirtualNetwork: { id: args.runnerVnet.id },
      ...peering,
    }, { parent: this, dependsOn: args.after });
    const fromRunner = new network.VirtualNetworkPeering(`${name}-from-runner`, {
      resourceGroupName: args.runnerVnet.resourceGroupName,
      virtualNetworkName: args.runnerVnet.name,
      remoteVirtualNetwork: { id: args.stampVnet.id },
      ...peering,
    }, { parent: this, provider: args.runnerProvider, dependsOn: args.after });

    this.ready = [...links, toRunner, fromRunner];
    this.registerOutputs({ zoneId: this.zoneId });
  }
}
