import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import type { VnetRef } from "./privateApiPath";

export interface RegionPeeringArgs {
  /** This region's network; the peering is written into it. */
  local: VnetRef;
  /** The other region's network. */
  remote: VnetRef;
  /** This region's PostgreSQL private DNS zone, linked to the remote network so its clients resolve the server. */
  postgresZoneName: pulumi.Input<string>;
  /** Writes to the local VNet that must finish first: Azure refuses concurrent writes to one VNet. */
  after: pulumi.Resource[];
  tags: Record<string, string>;
}

/**
 * One region's half of the path a Flexible Server geo replica needs with private access: "Replication across
 * Azure regions, with separate virtual networks in each region, requires connectivity across regional virtual
 * network boundaries that can be provided via virtual network peering", and "clients in VNET1 ... must
 * access the ... Private DNS zone" of the server in VNET2 through a virtual network link
 * (learn.microsoft.com/azure/postgresql/network/concepts-networking-private, "Replication across Azure regions
 * and virtual networks with private networking", read 2026-12-01). A peering carries traffic only once both
 * halves exist, so each region writes its own half into its own network, under its own stamp.
 */
export class RegionPeering extends pulumi.ComponentResource {
  readonly peering: network.VirtualNetworkPeering;
  readonly dnsLink: privatedns.VirtualNetworkLink;

  constructor(name: string, args: RegionPeeringArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:RegionPeering", name, {}, opts);
    // Only address space is shared: no gateway transit, no forwarded traffic, so the peering opens the two
    // stamps' networks to each other and nothing beyond them.
    this.peering = new network.VirtualNetworkPeering(`${name}-vnet`, {
      resourceGroupName: args.local.resourceGroupName,
      virtualNetworkName: args.local.name,
      remoteVirtualNetwork: { id: args.remote.id },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
    }, { parent: this, dependsOn: args.after });
    // Private DNS zones are global resources whatever the region of their resource group.
    this.dnsLink = new privatedns.VirtualNetworkLink(`${name}-postgres-dns`, {
      resourceGroupName: args.local.resourceGroupName,
      privateZoneName: args.postgresZoneName,
      location: "global",
      virtualNetwork: { id: args.remote.id },
      registrationEnabled: false,
      tags: args.tags,
    }, { parent: this });
    this.registerOutputs({ peering: this.peering.id });
  }
}
