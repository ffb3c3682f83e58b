import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { ElastiCache, ElastiCacheArgs } from "../../components/aws/elastiCache";
import { RdsPostgres, RdsPostgresArgs, REPLICA_CREATE_TIMEOUT } from "../../components/aws/rdsPostgres";
import type { CachePort, PostgresPort, StampContext } from "../../ports/adapter";
import { databaseComponentName, databaseNameSuffix, isReleased } from "../../topology/databaseIdentity";
import type { DatabasePlacement } from "../../topology/types";
import type { AwsCluster } from "./cluster";
import { AWS_DEFAULTS } from "./defaults";
import { awsIdentifier, databaseIdentifier } from "./names";
import type { AwsFoundation, AwsKeys } from "./network";

/**
 * The region's PostgreSQL as the link ports need it: the instance's ARN, which replication names, and its
 * resource id, which the restore drill restores from.
 */
export interface AwsPostgres extends PostgresPort {
  arn: pulumi.Output<string>;
  resourceId: pulumi.Output<string>;
}

/**
 * The master password's characters: none of those RDS rejects ("/", "@", '"', " "); the connection URL in the
 * DALP Secret percent-encodes the rest (addons/dalp/dalpApplication.ts).
 */
export const AWS_POSTGRES_PASSWORD = { specials: "!#$%^&*()-_=+[]{}<>:?", formerParentType: "dalp:aws:RdsPostgres" } as const;

/**
 * The database placements the AWS ports build. `backup-copy` is a region without a database whose stamp keeps
 * the copy of the source's automated backups (the database-backup-copy link, stacks/aws/links.ts); `restored`
 * is the database restored from that copy.
 */
export const AWS_PLACEMENTS = ["primary", "replica", "promoted", "former-primary", "reseeded", "backup-copy", "restored"] as const satisfies ReadonlyArray<DatabasePlacement["kind"]>;

/** Where a managed data service sits: the isolated data subnets, reachable only from the cluster. */
function dataPlacement(net: AwsFoundation, cluster: AwsCluster) {
  return { vpcId: net.network.vpc.id, subnetIds: net.network.dataSubnetIds, clientSecurityGroupId: cluster.eks.clusterSecurityGroupId };
}

/** What every RDS instance of the deployment shares, whatever it follows: its network, engine, size and key. */
function postgresBase(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster) {
  const p = ctx.config.postgres;
  return {
    ...dataPlacement(net, cluster),
    version: p.version,
    instanceClass: p.instanceClass ?? AWS_DEFAULTS.postgresInstanceClass,
    storageGb: p.storageGb,
    maxStorageGb: p.maxStorageGb,
    backupRetentionDays: p.backupRetentionDays,
    databaseName: p.databaseName,
    username: p.username,
    kmsKeyArn: net.kms.key.arn,
    logRetentionDays: AWS_DEFAULTS.logRetentionDays,
    password: ctx.databasePassword,
  } satisfies Partial<RdsPostgresArgs>;
}

/** The port of a built instance, as DALP and the links read it. */
export function postgresPort(ctx: StampContext, db: RdsPostgres): AwsPostgres {
  const p = ctx.config.postgres;
  return {
    host: db.instance.address,
    port: db.instance.port,
    database: p.databaseName,
    username: p.username,
    password: db.password,
    sslMode: "require",
    identifier: db.instance.identifier,
    arn: db.instance.arn,
    resourceId: db.instance.resourceId,
  };
}

/** The RDS component of a stamp, with what its placement adds to the shared settings. */
export function rdsPostgres(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, name: string, args: Pick<RdsPostgresArgs, "identifier" | "finalSnapshotIdentifier" | "follows" | "released" | "disposable">): RdsPostgres {
  return new RdsPostgres(name, { ...postgresBase(ctx, net, cluster), ...args }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
}

/**
 * What the instance follows, by placement. A former primary is declared exactly as the primary it was: the
 * failover must not need its region's API, so nothing of it may change. A re-seeded database is a replica
 * like any other, of the region that took over. A restored one is restored from `copy`, the source's backups
 * replicated into its region.
 */
function followsOf(placement: DatabasePlacement, region: string, source?: AwsPostgres, copy?: aws.rds.InstanceAutomatedBackupsReplication): RdsPostgresArgs["follows"] {
  switch (placement.kind) {
    case "restored":
      if (!copy) throw new Error(`the restored database in ${region} needs the copy of ${placement.source}'s backups`);
      // The replication's id is the ARN of the replicated automated backups (terraform-provider-aws
      // instance_automated_backups_replication.go, Create: d.SetId(DBInstanceAutomatedBackupsArn)), which
      // RestoreDBInstanceToPointInTime takes as SourceDBInstanceAutomatedBackupsArn.
      return { kind: "restored", automatedBackupsArn: copy.id, ...(placement.pointInTime ? { pointInTime: placement.pointInTime } : {}) };
    case "primary":
    case "former-primary":
      return undefined;
    case "promoted":
      return { kind: "promoted" };
    case "replica":
    case "reseeded":
      // Until promoted, a re-seeded database is a replica like any other.
      if (placement.kind === "reseeded" && placement.promoted) return { kind: "promoted" };
      if (!source) throw new Error(`the ${placement.kind} database in ${region} needs the database of ${placement.source}, built first`);
      return { kind: "replica", sourceArn: source.arn };
    default:
      throw new Error(`AWS does not build a ${placement.kind} database (in ${region})`);
  }
}

/**
 * The source's automated backups (snapshots and transaction logs) copied into this stamp's region, encrypted
 * with its key, for the source's PITR window: a point in time before a corruption that replication carried
 * along can be restored here. Declared in the destination region, as RDS requires (@pulumi/aws 7.48
 * rds.InstanceAutomatedBackupsReplication: "This resource has to be created in the destination region"),
 * under this stamp.
 *
 * The replica's stamp declares it while it replicates and, unchanged, after its promotion: deleting it is not
 * a call of this region alone. The provider's Delete stops the replication here and then waits, through a
 * client of the source's region, until the source instance no longer lists it
 * (hashicorp/terraform-provider-aws internal/service/rds/instance_automated_backups_replication.go,
 * resourceInstanceAutomatedBackupsReplicationDelete: RDSConnForRegion(sourceDatabaseARN.Region),
 * waitDBInstanceAutomatedBackupDeleted, up to 75 minutes; read 2026-12-01), so with the former primary's
 * region down the failover would fail on it. Kept, it also keeps that region's backups up to the failure
 * readable here. It goes with the return's second step, which deletes the former primary: the copy is deleted
 * first, since it names that instance (docs/aws.md, "Returning").
 *
 * Hot-cold's recovery region declares it while it is a vault (the database-backup-copy link) and, unchanged,
 * after the rebuild, when the restored database reads it (buildPostgres): the same reasons hold, with the home
 * region down, and the restore needs the replicated backups to exist.
 */
export function buildBackupsCopy(ctx: StampContext, net: AwsKeys, sourceArn: pulumi.Input<string>): aws.rds.InstanceAutomatedBackupsReplication {
  return new aws.rds.InstanceAutomatedBackupsReplication(`${ctx.prefix}-postgres-backups`, {
    sourceDbInstanceArn: sourceArn,
    kmsKeyId: net.kms.key.arn,
    retentionPeriod: ctx.config.postgres.backupRetentionDays,
  }, {
    parent: ctx.parent,
    provider: net.provider,
    // The provider waits for REPLICATING up to 75 minutes by default; the first copy of a large source's
    // snapshots takes as long as the replica's own create (REPLICA_CREATE_TIMEOUT, an estimate).
    customTimeouts: { create: REPLICA_CREATE_TIMEOUT },
  });
}

/**
 * RDS PostgreSQL as `ctx.stamp.database` places it. A replica and the database it is promoted to are one
 * resource under one name: promotion is an update of it, never a new instance. The standby's DALP reads the
 * replica's endpoint and, after promotion, writes to the same endpoint.
 */
export function buildPostgres(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, source?: AwsPostgres): AwsPostgres {
  const placement = ctx.stamp.database;
  const suffix = databaseNameSuffix(placement);
  // Once the return is marked done, discovery has found this identifier in the region (stacks/aws/discover.ts).
  const identifier = databaseIdentifier(ctx.config.stack, ctx.stamp.region, suffix);
  // The rebuilt recovery region keeps the copy its vault declared, under the same name and parent, and
  // restores from it; the home database is the former primary, built first and declared as before.
  let copy: aws.rds.InstanceAutomatedBackupsReplication | undefined;
  if (placement.kind === "restored") {
    if (!source) throw new Error(`the restored database in ${ctx.stamp.region} restores the backups of ${placement.source}'s database, built first`);
    copy = buildBackupsCopy(ctx, net, source.arn);
  }
  const db = rdsPostgres(ctx, net, cluster, databaseComponentName(ctx.stamp.region, placement), {
    // The former primary still holds its identifier while the re-seeded replica is created beside it.
    identifier,
    finalSnapshotIdentifier: awsIdentifier("dalp", ctx.config.stack, `${ctx.stamp.region}${suffix}`, "postgres-final"),
    follows: followsOf(placement, ctx.stamp.region, source, copy),
    released: isReleased(placement),
  });
  // The backup copy of a replica is the database-replication link's (stacks/aws/links.ts); once the replica is
  // promoted there is no link, and the copy stays as it was until the return (buildBackupsCopy says why).
  const keptCopyOf = promotedFrom(placement);
  if (keptCopyOf) {
    if (!source) throw new Error(`the promoted database in ${ctx.stamp.region} keeps the backup copy of ${keptCopyOf}'s, built first`);
    buildBackupsCopy(ctx, net, source.arn);
  }
  return postgresPort(ctx, db);
}

/** The region a promoted database was a replica of, while that region's database still exists. */
function promotedFrom(placement: DatabasePlacement): string | undefined {
  if (placement.kind === "promoted") return placement.formerSourceReseeded ? undefined : placement.formerSource;
  if (placement.kind === "reseeded") return placement.promoted ? placement.source : undefined;
  return undefined;
}

/** What a cache of its own changes from the configured one: the restore drill's is one small node, disposable. */
export type CacheSizing = Pick<ElastiCacheArgs, "nodeType" | "replicas" | "snapshotRetentionDays" | "disposable">;

export function buildCache(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, sizing?: CacheSizing): CachePort {
  const c = ctx.config.cache;
  const configured = {
    nodeType: c.nodeType ?? AWS_DEFAULTS.cacheNodeType,
    replicas: c.replicas,
    snapshotRetentionDays: c.snapshotRetentionDays,
    finalSnapshotIdentifier: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region, "cache-final"),
  };
  const cache = new ElastiCache(`${ctx.prefix}-cache`, {
    ...dataPlacement(net, cluster),
    zones: ctx.zones,
    engine: c.engine,
    engineVersion: c.version ?? AWS_DEFAULTS.cacheEngineVersion[c.engine],
    ...(sizing ?? configured),
    kmsKeyArn: net.kms.key.arn,
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    host: cache.group.primaryEndpointAddress,
    port: cache.group.port.apply((p) => p ?? 6379),
    tls: true,
    password: cache.authToken,
    identifier: cache.group.id,
  };
}
