import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateDnsZonesArgs {
  resourceGroupName: pulumi.Input<string>;
  vnetId: pulumi.Input<string>;
  /** The PostgreSQL server's zone; Flexible Server requires a name ending in `.postgres.database.azure.com`. */
  postgresZoneName: string;
  tags: Record<string, string>;
}

/**
 * Private DNS zones that make the data services' names resolve to private addresses inside the VNet (and
 * nowhere else), each linked to the VNet. Names of the private-link zones: learn.microsoft.com/azure/
 * private-link/private-endpoint-dns, read 2026-11-22 (Azure Managed Redis: privatelink.redis.azure.net).
 */
export class PrivateDnsZones extends pulumi.ComponentResource {
  readonly postgres: privatedns.PrivateZone;
  readonly redis: privatedns.PrivateZone;
  readonly blob: privatedns.PrivateZone;
  /** The VNet links; a server or endpoint registered before its zone is linked resolves publicly until it is. */
  readonly links: privatedns.VirtualNetworkLink[];

  constructor(name: string, args: PrivateDnsZonesArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PrivateDnsZones", name, {}, opts);
    this.links = [];
    const zone = (purpose: string, privateZoneName: string) => {
      // Private DNS zones are global resources whatever the region of their resource group.
      const z = new privatedns.PrivateZone(`${name}-${purpose}`, { resourceGroupName: args.resourceGroupName, privateZoneName, location: "global", tags: args.tags }, { parent: this });
      this.links.push(new privatedns.VirtualNetworkLink(`${name}-${purpose}-link`, {
        resourceGroupName: args.resourceGroupName,
        privateZoneName: z.name,
        location: "global",
        virtualNetwork: { id: args.vnetId },
        registrationEnabled: false,
        tags: args.tags,
      }, { parent: this }));
      return z;
    };
    this.postgres = zone("postgres", args.postgresZoneName);
    this.redis = zone("redis", "privatelink.redis.azure.net");
    this.blob = zone("blob", "privatelink.blob.core.windows.net");
    this.registerOutputs({ postgres: this.postgres.id, redis: this.redis.id, blob: this.blob.id });
  }
}
