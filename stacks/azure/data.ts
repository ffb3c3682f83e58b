import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import { ManagedRedis } from "../../components/azure/managedRedis";
import { PostgresFlexibleServer, RECORDED_SOURCE, ReplicaOf } from "../../components/azure/postgresFlexibleServer";
import { RegionPeering } from "../../components/azure/regionPeering";
import type { CachePort, PostgresPort, StampContext } from "../../ports/adapter";
import { dnsLabel, shortHash } from "../../components/shared/names";
import { databaseComponentName, isReleased, mustExistAlready } from "../../topology/databaseIdentity";
import { AZURE_DEFAULTS, MANAGED_REDIS_PORT, postgresStorageSize } from "./defaults";
import type { AzureFoundation } from "./network";
import { postgresTier } from "./validate";

/** The region's database as the Azure link ports and a replica in another region see it. */
export interface AzurePostgres extends PostgresPort {
  server: dbforpostgresql.Server;
  /** Its region's foundation and stamp: a replica's half of the peering is written there. */
  foundation: AzureFoundation;
  stamp: pulumi.ComponentResource;
  prefix: string;
  /** The server this one replicates or was promoted from. */
  sourceServerId?: pulumi.Output<string>;
}

/** The placements `buildPostgres` builds. */
export const AZURE_PLACEMENTS = ["primary", "replica", "promoted", "former-primary", "reseeded"] as const;

/** Only characters that need no escaping in a connection URL. */
export const AZURE_POSTGRES_PASSWORD = { specials: "-_.~!*", formerParentType: "dalp:azure:PostgresFlexibleServer" } as const;

/**
 * The region's PostgreSQL as the topology places it. A primary and a former primary are the same server: the
 * failover changes nothing in the failed region. A replica and the server failover promoted from it are the
 * same server too, with the same create-time inputs; promotion is the one input it adds.
 */
export function buildPostgres(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>, source?: AzurePostgres): AzurePostgres {
  const p = ctx.config.postgres;
  const placement = ctx.stamp.database;
  const sku = p.instanceClass ?? AZURE_DEFAULTS.postgresSku;
  const tier = postgresTier(sku);
  const storageGb = postgresStorageSize(p.storageGb);
  // validateAzure has refused both already; this guards a port called without it.
  if (tier !== "GeneralPurpose" && tier !== "MemoryOptimized") throw new Error(`${sku} has no zone-redundant high availability`);
  if (storageGb === undefined) throw new Error(`no Flexible Server storage size holds ${p.storageGb} GiB`);

  let replicaOf: ReplicaOf | undefined;
  let path: pulumi.Resource[] = [];
  let size: pulumi.Input<number> = storageGb;
  switch (placement.kind) {
    case "primary":
    case "former-primary":
      break;
    case "promoted": {
      // After the return the former source is gone; the server keeps the id it was created with.
      if (placement.formerSourceReseeded) {
        replicaOf = { sourceServerId: RECORDED_SOURCE, promoted: true };
        break;
      }
      const from = sourceIn(ctx, placement.formerSource, source);
      replicaOf = { sourceServerId: from.server.id, promoted: true };
      path = peerRegions(ctx, net, tags, from);
      break;
    }
    case "replica":
    case "reseeded": {
      // The replica inherits its source's SKU tier and storage; a larger replica could only be promoted
      // standalone, which is the promotion used, but the same size keeps the promoted region's capacity.
      const from = sourceIn(ctx, placement.source, source);
      replicaOf = { sourceServerId: from.server.id, promoted: placement.kind === "reseeded" && placement.promoted === true };
      path = peerRegions(ctx, net, tags, from);
      // Auto-grow may have enlarged the source since the stack was written (its size is ignored there): a replica
      // created now, as the return creates one, asks for at least what the source has.
      size = from.server.storage.apply((s) => Math.max(storageGb, s?.storageSizeGB ?? 0));
      break;
    }
    default:
      throw new Error(`Azure does not build a ${placement.kind} database (${ctx.stamp.region})`);
  }

  // The re-seeded replica has a name of its own choosing, unique across Azure (it is a DNS name) by a hash of
  // the subscription and stack, so that a failover back to it looks it up in its region's resource group first:
  // a stack that skipped `recreate` stops in the preview instead of serving from a new, empty server. The
  // group's name is generated, so unlike AWS and GCP this cannot be asked before anything is declared; the
  // lookup fails the preview, and only a `pulumi up --skip-preview` would apply other changes first.
  const subscription = ctx.facts.account.toLowerCase();
  const chosen =
    placement.kind === "reseeded" ? dnsLabel(63, "dalp", ctx.config.stack, ctx.stamp.region, "reseeded", shortHash(`${subscription}/${ctx.config.project}/${ctx.config.stack}`, 6)) : undefined;
  const serverName =
    chosen && mustExistAlready(placement)
      ? dbforpostgresql.getServerOutput({ resourceGroupName: net.resourceGroup.name, serverName: chosen }, { provider: net.provider, parent: ctx.parent }).name
      : chosen;
  const db = new PostgresFlexibleServer(databaseComponentName(ctx.stamp.region, placement), {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    version: p.version,
    sku,
    tier,
    storageGb: size,
    backupRetentionDays: p.backupRetentionDays,
    geoRedundantBackup: p.geoRedundantBackup,
    // The standby goes to the next zone; topology guarantees at least two.
    zone: ctx.zones[0],
    standbyZone: ctx.zones[1],
    databaseName: p.databaseName,
    username: p.username,
    delegatedSubnetId: net.network.postgresSubnetId,
    privateDnsZoneId: net.dns.postgres.id,
    dependsOn: [...net.dns.links, ...path],
    replicaOf,
    serverName,
    password: ctx.databasePassword,
    released: isReleased(placement),
    tags,
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    // The region's own server, replica or not: its name never changes, so the standby's DALP reads it and,
    // once promoted, writes to it under the same host.
    host: db.server.fullyQualifiedDomainName,
    port: pulumi.output(5432),
    database: p.databaseName,
    username: p.username,
    password: db.password,
    sslMode: "require",
    identifier: db.server.name,
    server: db.server,
    foundation: net,
    stamp: ctx.parent,
    prefix: ctx.prefix,
    sourceServerId: replicaOf && source ? source.server.id : undefined,
  };
}

/** The built database of `region`, which this stamp's follows or was promoted from. */
function sourceIn(ctx: StampContext, region: string, source: AzurePostgres | undefined): AzurePostgres {
  if (!source || source.foundation.location !== region) throw new Error(`the ${ctx.stamp.database.kind} database in ${ctx.stamp.region} needs the built database of ${region}`);
  return source;
}

/** Both halves of the path between the replica's region and its source's, each in its own region's stamp. */
function peerRegions(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>, source: AzurePostgres): pulumi.Resource[] {
  const vnet = (f: AzureFoundation) => ({ id: f.network.vnetId, name: f.network.vnetName, resourceGroupName: f.resourceGroup.name });
  const local = new RegionPeering(`${ctx.prefix}-peer-${source.foundation.location}`, {
    local: vnet(net),
    remote: vnet(source.foundation),
    postgresZoneName: net.dns.postgres.name,
    after: net.network.subnets,
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
  const remote = new RegionPeering(`${source.prefix}-peer-${net.location}`, {
    local: vnet(source.foundation),
    remote: vnet(net),
    postgresZoneName: source.foundation.dns.postgres.name,
    after: source.foundation.network.subnets,
    tags,
  }, { parent: source.stamp, providers: [source.foundation.provider] });
  return [local.peering, remote.peering, local.dnsLink, remote.dnsLink];
}

export function buildCache(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>): CachePort {
  const cache = new ManagedRedis(`${ctx.prefix}-cache`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    sku: ctx.config.cache.nodeType ?? AZURE_DEFAULTS.cacheSku,
    port: MANAGED_REDIS_PORT,
    endpointsSubnetId: net.network.endpointsSubnetId,
    privateDnsZoneId: net.dns.redis.id,
    isolated: ctx.stamp.role === "cold",
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
  return {
    host: cache.hostName,
    port: cache.database.port.apply((p) => p ?? MANAGED_REDIS_PORT),
    tls: true,
    password: cache.accessKey,
    identifier: cache.cluster.name,
  };
}
