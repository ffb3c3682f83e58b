import * as pulumi from "@pulumi/pulumi";
import { CloudSqlPlacement, CloudSqlPostgres } from "../../components/gcp/cloudSqlPostgres";
import { MemorystoreRedis } from "../../components/gcp/memorystoreRedis";
import type { CachePort, PostgresPort, StampContext } from "../../ports/adapter";
import { databaseComponentName, isReleased } from "../../topology/databaseIdentity";
import { cloudSqlEdition, GCP_DEFAULTS, MEMORYSTORE_VERSIONS } from "./defaults";
import { gcpName } from "./names";
import type { GcpFoundation } from "./network";
import { memorystoreSizeGb } from "./validate";

export interface GcpPostgres extends PostgresPort {
  db: CloudSqlPostgres;
}

/**
 * No "/", "@", '"' or space; the rest ("#", "%", "?", ":", brackets) is percent-encoded where DALP's connection URL
 * is built (addons/dalp/dalpApplication.ts).
 */
export const GCP_POSTGRES_PASSWORD = { specials: "!#$%^&*()-_=+[]{}<>:?", formerParentType: "dalp:gcp:CloudSqlPostgres" } as const;

/** The database placements the GCP ports build. */
export const GCP_PLACEMENTS = ["primary", "replica", "promoted", "former-primary", "reseeded"] as const;

/** The Cloud SQL placement of the stamp's database; `source` is the database it replicates. */
function placementOf(ctx: StampContext, source: GcpPostgres | undefined): CloudSqlPlacement {
  const placement = ctx.stamp.database;
  switch (placement.kind) {
    // Failover leaves the former primary exactly as it was: changing it would need its region's API.
    case "primary":
    case "former-primary":
      return { role: "primary" };
    case "replica":
    case "reseeded":
      // Until promoted, a re-seeded database is a replica like any other.
      if (placement.kind === "reseeded" && placement.promoted) return { role: "promoted" };
      if (!source) throw new Error(`the ${placement.kind} database in ${ctx.stamp.region} needs the database of ${placement.source}, built first`);
      return { role: "replica", masterInstanceName: source.db.instance.name };
    case "promoted":
      return { role: "promoted" };
    default:
      throw new Error(`Cloud SQL does not build a ${placement.kind} database (${ctx.stamp.region})`);
  }
}

/**
 * The region's Cloud SQL for PostgreSQL, as the topology places it. A replica and the instance it becomes on
 * promotion share one logical name, and so one URN and one instance. Its private address comes from the region's
 * own private services range of the stack's one VPC (a cross-region replica with a private address sits on its
 * primary's network), which is where the region's DALP reads it from (the standby reads the replica, and writes to
 * it once promoted).
 */
export function buildPostgres(ctx: StampContext, net: GcpFoundation, labels: Record<string, string>, source?: GcpPostgres): GcpPostgres {
  const p = ctx.config.postgres;
  const tier = p.instanceClass ?? GCP_DEFAULTS.postgresTier;
  const placement = ctx.stamp.database;
  // Once the return is marked done, discovery has found this instance (stacks/gcp/discover.ts, by the name the
  // provider generates from this logical name, and the stack's label).
  const db = new CloudSqlPostgres(databaseComponentName(ctx.stamp.region, placement), {
    region: ctx.stamp.region,
    zones: ctx.zones,
    network: net.network.vpc.id,
    allocatedIpRange: net.network.privateServicesRange.name,
    privateServicesConnection: net.network.privateServicesConnection,
    version: p.version,
    tier,
    edition: cloudSqlEdition(tier),
    storageGb: p.storageGb,
    maxStorageGb: p.maxStorageGb,
    backupRetentionDays: p.backupRetentionDays,
    pointInTimeRecovery: p.pointInTimeRecovery,
    databaseName: p.databaseName,
    username: p.username,
    labels,
    placement: placementOf(ctx, source),
    password: ctx.databasePassword,
    released: isReleased(ctx.stamp.database),
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    db,
    host: db.instance.privateIpAddress,
    port: pulumi.output(5432),
    database: p.databaseName,
    username: p.username,
    password: db.password,
    sslMode: "require",
    identifier: db.instance.connectionName,
  };
}

/** The region's Memorystore for Redis, Standard Tier with read replicas. */
export function buildCache(ctx: StampContext, net: GcpFoundation): CachePort {
  const c = ctx.config.cache;
  const cache = new MemorystoreRedis(`${ctx.prefix}-cache`, {
    instanceName: gcpName(40, "dalp", ctx.config.stack, ctx.stamp.region),
    region: ctx.stamp.region,
    zones: ctx.zones,
    network: net.network.vpc.id,
    reservedIpRange: net.network.privateServicesRange.name,
    privateServicesConnection: net.network.privateServicesConnection,
    redisVersion: MEMORYSTORE_VERSIONS[c.version ?? GCP_DEFAULTS.cacheVersion],
    // Validation has refused anything that is not a size.
    memorySizeGb: memorystoreSizeGb(c.nodeType) ?? GCP_DEFAULTS.cacheMemoryGb,
    replicas: c.replicas,
  }, { parent: ctx.parent, providers: [net.provider] });
  return {
    host: cache.instance.host,
    port: cache.instance.port,
    tls: true,
    caCertificate: cache.caCertificate,
    password: cache.authString,
    identifier: cache.instance.id,
  };
}
