import * as pulumi from "@pulumi/pulumi";
import { CloudSqlPlacement, CloudSqlPostgres, CloudSqlPostgresArgs } from "../../components/gcp/cloudSqlPostgres";
import { MemorystoreRedis } from "../../components/gcp/memorystoreRedis";
import type { CachePort, PostgresPort, StampContext } from "../../ports/adapter";
import { backupCopyTarget } from "../../topology/backupCopy";
import { databaseComponentName, isReleased } from "../../topology/databaseIdentity";
import type { Topology } from "../../topology/types";
import { cloudSqlEdition, GCP_DEFAULTS, MEMORYSTORE_VERSIONS } from "./defaults";
import { gcpName } from "./names";
import { gcpFacts, GcpFoundation } from "./network";
import { memorystoreSizeGb } from "./validate";

export interface GcpPostgres extends PostgresPort {
  db: CloudSqlPostgres;
}

/**
 * No "/", "@", '"' or space; the rest ("#", "%", "?", ":", brackets) is percent-encoded where DALP's connection URL
 * is built (addons/dalp/dalpApplication.ts).
 */
export const GCP_POSTGRES_PASSWORD = { specials: "!#$%^&*()-_=+[]{}<>:?", formerParentType: "dalp:gcp:CloudSqlPostgres" } as const;

/**
 * The database placements the GCP ports build. `backup-copy` is hot-cold's recovery region, a vault: it has no
 * database, and the home primary writes its backups there (`backupLocation`).
 */
export const GCP_PLACEMENTS = ["primary", "replica", "promoted", "former-primary", "reseeded", "backup-copy", "restored"] as const;

/**
 * Where a region's primary writes its automated backups: the region they are copied to while the home region is
 * active, and the same after the rebuild, when the former primary is declared as before (the rebuild's targeted
 * update leaves it alone, and a later full update must not move its backups either). Absent, Cloud SQL's default.
 *
 * The recovery region itself, not a multi-region: the rebuild restores in that region from backups in that region,
 * whichever regions Google would pick for a multi-region, and the data stays where the stack file says. The
 * price is that while the recovery region is down, the home primary's backups have nowhere to go; a multi-region
 * location (`eu`) would survive either region, but is one Google places.
 */
export function backupLocation(topology: Topology, region: string): string | undefined {
  return backupCopyTarget(topology, region) ?? topology.stamps.find((s) => s.database.kind === "restored" && s.database.source === region)?.region;
}

/** The Cloud SQL placement of the stamp's database; `source` is the database it replicates. */
function placementOf(ctx: StampContext, project: string, source: GcpPostgres | undefined): CloudSqlPlacement {
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
    case "restored": {
      if (!source) throw new Error(`the restored database in ${ctx.stamp.region} needs the database of ${placement.source}, declared first`);
      // Found before anything was declared (stacks/gcp/discover.ts); validation has refused a point in time.
      const backup = gcpFacts(ctx.facts).restores?.[ctx.stamp.region];
      if (!backup) throw new Error(`no backup of ${placement.source}'s database was found to restore in ${ctx.stamp.region}`);
      return { role: "restored", sourceInstanceName: source.db.instance.name, backupRunId: backup.backupId, project };
    }
    default:
      throw new Error(`Cloud SQL does not build a ${placement.kind} database (${ctx.stamp.region})`);
  }
}

/**
 * The region's Cloud SQL for PostgreSQL, as the topology places it. A replica and the instance it becomes on
 * promotion share one logical name, and so one URN and one instance. Its private address comes from the region's
 * own private services range of the stack's one VPC (a cross-region replica with a private address sits on its
 * primary's network), which is where the region's DALP reads it from (the standby reads the replica, and writes to
 * it once promoted). Hot-cold's rebuild declares a new instance in the recovery region (`<region>-postgres-restored`),
 * restored from the home primary's latest backup there, with a primary's settings: regional, backups and
 * point-in-time recovery on, deletion protection, on the same VPC with the recovery region's own range, which the
 * home stamp has allocated since the first run. Encryption at rest is Google-managed, as on every instance of the
 * stack (docs/gcp.md, Encryption at rest).
 */
export function buildPostgres(ctx: StampContext, net: GcpFoundation, labels: Record<string, string>, source?: GcpPostgres): GcpPostgres {
  const placement = ctx.stamp.database;
  // Once the return is marked done, discovery has found this instance (stacks/gcp/discover.ts, by the name the
  // provider generates from this logical name, and the stack's label).
  const db = new CloudSqlPostgres(databaseComponentName(ctx.stamp.region, placement), {
    ...cloudSqlArgs(ctx, net, labels),
    backupLocation: backupLocation(ctx.topology, ctx.stamp.region),
    placement: placementOf(ctx, net.project, source),
    released: isReleased(ctx.stamp.database),
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    ...postgresPort(ctx, db),
    // The restored instance holds the backup's data; the rebuild's namespace restore takes nothing newer.
    // (Once restored, the job that read it is not run again and its bound is not read.)
    ...(ctx.stamp.database.kind === "restored" && !gcpFacts(ctx.facts).restores?.[ctx.stamp.region]?.alreadyRestored
      ? { restoredTo: gcpFacts(ctx.facts).restores?.[ctx.stamp.region]?.startTime }
      : {}),
  };
}

/**
 * What every Cloud SQL instance of a region shares, whatever its place: `dalp:postgres`, the region's zones, the
 * stack's one VPC with the region's own private services range, and the deployment's password.
 */
export function cloudSqlArgs(ctx: StampContext, net: GcpFoundation, labels: Record<string, string>): CloudSqlPostgresArgs {
  const p = ctx.config.postgres;
  const tier = p.instanceClass ?? GCP_DEFAULTS.postgresTier;
  return {
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
    password: ctx.databasePassword,
  };
}

/** How DALP reaches an instance: its private address, TLS required, the DALP user and database. */
export function postgresPort(ctx: StampContext, db: CloudSqlPostgres): GcpPostgres {
  const p = ctx.config.postgres;
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

/** A cache beside the region's own, and how it differs: the restore drill's (stacks/gcp/drill.ts). */
export interface CacheVariant {
  memorySizeGb: number;
  disposable: true;
}

/**
 * The region's Memorystore for Redis, Standard Tier with read replicas; or, with `variant`, another instance
 * beside it. Names come from the context's prefix (the region for its own cache, `<region>-drill` for the
 * drill's), so no two instances of one stack share one.
 */
export function buildCache(ctx: StampContext, net: GcpFoundation, variant?: CacheVariant): CachePort {
  const c = ctx.config.cache;
  const cache = new MemorystoreRedis(`${ctx.prefix}-cache`, {
    instanceName: gcpName(40, "dalp", ctx.config.stack, ctx.prefix),
    region: ctx.stamp.region,
    zones: ctx.zones,
    network: net.network.vpc.id,
    reservedIpRange: net.network.privateServicesRange.name,
    privateServicesConnection: net.network.privateServicesConnection,
    redisVersion: MEMORYSTORE_VERSIONS[c.version ?? GCP_DEFAULTS.cacheVersion],
    // Validation has refused anything that is not a size.
    memorySizeGb: variant?.memorySizeGb ?? memorystoreSizeGb(c.nodeType) ?? GCP_DEFAULTS.cacheMemoryGb,
    replicas: c.replicas,
    disposable: variant?.disposable,
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
