import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import { ManagedRedis } from "../../components/azure/managedRedis";
import { PostgresFlexibleServer, RECORDED_SOURCE, ReplicaOf, RestoreOf } from "../../components/azure/postgresFlexibleServer";
import { RegionPeering } from "../../components/azure/regionPeering";
import type { CachePort, PostgresPort, StampContext } from "../../ports/adapter";
import { dnsLabel, shortHash } from "../../components/shared/names";
import { backupsCopiedAway } from "../../topology/backupCopy";
import { databaseComponentName, isReleased, mustExistAlready } from "../../topology/databaseIdentity";
import { AZURE_DEFAULTS, MANAGED_REDIS_PORT, postgresStorageSize } from "./defaults";
import type { AzureFoundation } from "./network";
import { postgresTier } from "./validate";
import { utcSecond } from "../../lib/utcSecond";

/** The region's database as the Azure link ports and a replica in another region see it. */
export interface AzurePostgres extends PostgresPort {
  server: dbforpostgresql.Server;
  /** Its region's foundation and stamp: a replica's half of the peering is written there. */
  foundation: AzureFoundation;
  stamp: pulumi.ComponentResource;
  prefix: string;
  /** The server this one replicates, was promoted from, or was restored from. */
  sourceServerId?: pulumi.Output<string>;
  /** Whether its automated backups are copied to the paired region (geo-redundant backup). */
  geoRedundantBackup: boolean;
}

/**
 * The placements Azure builds. `backup-copy` has no server of its own: the copies are the home server's
 * geo-redundant backups, which Azure keeps in the paired region (the database-backup-copy link checks the pair),
 * so a vault never calls `buildPostgres`.
 */
export const AZURE_PLACEMENTS = ["primary", "replica", "promoted", "former-primary", "reseeded", "backup-copy", "restored"] as const;

/** Only characters that need no escaping in a connection URL. */
export const AZURE_POSTGRES_PASSWORD = { specials: "-_.~!*", formerParentType: "dalp:azure:PostgresFlexibleServer" } as const;

/** The time of this run, to the second: what "the latest" is to a restore request, which must name a time. */
export function timeOfThisRun(): string {
  return utcSecond(Date.now());
}

/**
 * Storage for a server created now from `from`'s data (a replica, a restore): auto-grow may have enlarged the
 * source since the stack was written (its size is ignored there), so ask for at least what the state last read
 * of it. A restore keeps the source's size in any case ("Can't be changed and is automatically set to the same
 * value as the source server", how-to-restore-paired-region and how-to-restore-latest-restore-point, read
 * 2026-12-01).
 */
export function atLeastSourceStorage(from: AzurePostgres, storageGb: number): pulumi.Output<number> {
  return from.server.storage.apply((s) => Math.max(storageGb, s?.storageSizeGB ?? 0));
}

/** What every server of a region takes from the configuration and the region's network, whatever its placement. */
export function regionServerArgs(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>) {
  const p = ctx.config.postgres;
  const sku = p.instanceClass ?? AZURE_DEFAULTS.postgresSku;
  const tier = postgresTier(sku);
  const storageGb = postgresStorageSize(p.storageGb);
  // validateAzure has refused both already; this guards a port called without it.
  if (tier !== "GeneralPurpose" && tier !== "MemoryOptimized") throw new Error(`${sku} has no zone-redundant high availability`);
  if (storageGb === undefined) throw new Error(`no Flexible Server storage size holds ${p.storageGb} GiB`);
  return {
    storageGb,
    args: {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      version: p.version,
      sku,
      tier,
      backupRetentionDays: p.backupRetentionDays,
      // The standby goes to the next zone; topology guarantees at least two.
      zone: ctx.zones[0],
      standbyZone: ctx.zones[1],
      databaseName: p.databaseName,
      username: p.username,
      delegatedSubnetId: net.network.postgresSubnetId,
      privateDnsZoneId: net.dns.postgres.id,
      password: ctx.databasePassword,
      tags,
    },
  };
}

/** How DALP reaches a server of the region: its own name, which never changes, and the deployment's password. */
export function postgresPortOf(ctx: StampContext, db: PostgresFlexibleServer): PostgresPort {
  return {
    host: db.server.fullyQualifiedDomainName,
    port: pulumi.output(5432),
    database: ctx.config.postgres.databaseName,
    username: ctx.config.postgres.username,
    password: db.password,
    sslMode: "require",
    identifier: db.server.name,
  };
}

/**
 * The region's PostgreSQL as the topology places it. A primary and a former primary are the same server: the
 * failover changes nothing in the failed region. A replica and the server failover promoted from it are the
 * same server too, with the same create-time inputs; promotion is the one input it adds.
 */
export function buildPostgres(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>, source?: AzurePostgres): AzurePostgres {
  const p = ctx.config.postgres;
  const placement = ctx.stamp.database;
  const { storageGb, args } = regionServerArgs(ctx, net, tags);

  let replicaOf: ReplicaOf | undefined;
  let restoreOf: RestoreOf | undefined;
  let path: pulumi.Resource[] = [];
  let size: pulumi.Input<number> = storageGb;
  // Geo-redundant backup is the copy hot-cold keeps in the recovery region, and Azure takes it only when the
  // server is created: validateAzure requires the key for hot-cold, so no state of the stack ever changes it.
  const copied = backupsCopiedAway(ctx.topology, ctx.stamp.region);
  if (copied && !p.geoRedundantBackup) throw new Error(`${ctx.stamp.region}'s backups are copied to another region, which on Azure needs dalp:postgres.geoRedundantBackup`);
  let geoRedundantBackup = p.geoRedundantBackup;
  switch (placement.kind) {
    case "primary":
    case "former-primary":
      break;
    case "restored": {
      // validateAzure has refused a point in time: a geo-restore restores only the latest copied data.
      if (placement.pointInTime !== undefined) throw new Error(`Flexible Server geo-restore cannot restore to ${placement.pointInTime}, only to the latest geo-backup`);
      const from = sourceIn(ctx, placement.source, source);
      // The API requires a time, and a geo-restore restores the latest data copied to this region in any case;
      // the Azure CLI's geo-restore sends the current time (`flexible_server_georestore`,
      // `point_in_time_utc=get_current_time()` in Azure/azure-cli rdbms, read 2026-12-01). So does this: the time
      // of this run, read once at creation and ignored afterwards.
      restoreOf = { createMode: "GeoRestore", sourceServerId: from.server.id, pointInTimeUTC: timeOfThisRun() };
      size = atLeastSourceStorage(from, storageGb);
      geoRedundantBackup = false;
      break;
    }
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
      // A replica created now, as the return creates one, asks for at least what the source has.
      size = atLeastSourceStorage(from, storageGb);
      break;
    }
    case "backup-copy":
      throw new Error(`${ctx.stamp.region} holds only copies of ${placement.source}'s backups; it has no database server`);
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
    ...args,
    storageGb: size,
    geoRedundantBackup,
    dependsOn: [...net.dns.links, ...path],
    replicaOf,
    restoreOf,
    serverName,
    released: isReleased(placement),
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    // The region's own server, replica or not: its name never changes, so the standby's DALP reads it and,
    // once promoted, writes to it under the same host.
    ...postgresPortOf(ctx, db),
    server: db.server,
    foundation: net,
    stamp: ctx.parent,
    prefix: ctx.prefix,
    sourceServerId: (replicaOf || restoreOf) && source ? source.server.id : undefined,
    geoRedundantBackup: geoRedundantBackup && !replicaOf,
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

/** What a cache other than the region's own changes: the restore drill's is smaller, named, and thrown away. */
export interface CacheOptions {
  sku: string;
  clusterName: pulumi.Input<string>;
  disposable: true;
}

export function buildCache(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>, options?: CacheOptions): CachePort {
  const cache = new ManagedRedis(`${ctx.prefix}-cache`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    sku: options?.sku ?? ctx.config.cache.nodeType ?? AZURE_DEFAULTS.cacheSku,
    port: MANAGED_REDIS_PORT,
    endpointsSubnetId: net.network.endpointsSubnetId,
    privateDnsZoneId: net.dns.redis.id,
    isolated: ctx.stamp.role === "cold",
    ...(options ? { clusterName: options.clusterName, disposable: options.disposable } : {}),
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
