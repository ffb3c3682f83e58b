import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateEndpointArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  subnetId: pulumi.Input<string>;
  /** The resource the endpoint connects to. */
  targetId: pulumi.Input<string>;
  /** The target's private-link sub-resource, e.g. `redisEnterprise` or `blob`. */
  groupId: string;
  /** The private DNS zone that gets the endpoint's A record. */
  privateDnsZoneId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * A private endpoint in the VNet with its DNS zone group, so the service's public host name resolves to the
 * endpoint's private address from inside the VNet and the service can keep public network access off.
 */
export class PrivateEndpoint extends pulumi.ComponentResource {
  readonly endpoint: network.PrivateEndpoint;
  readonly dnsZoneGroup: network.PrivateDnsZoneGroup;

  constructor(name: string, args: PrivateEndpointArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PrivateEndpoint", name, {}, opts);
    this.endpoint = new network.PrivateEndpoint(`${name}-endpoint`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [{ name: args.groupId, privateLinkServiceId: args.targetId, groupIds: [args.groupId] }],
      tags: args.tags,
    }, { parent: this });
    this.dnsZoneGroup = new network.PrivateDnsZoneGroup(`${name}-dns`, {
      resourceGroupName: args.resourceGroupName,
      privateEndpointName: this.endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.privateDnsZoneId }],
    }, { parent: this });
    this.registerOutputs({ endpointId: this.endpoint.id });
  }
}
