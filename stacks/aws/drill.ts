import type { DrillPort, ServiceAccountRef, StampContext } from "../../ports/adapter";
import type { AwsCluster } from "./cluster";
import { AwsPostgres, buildCache, CacheSizing, postgresPort, rdsPostgres } from "./data";
import { buildAppIdentity } from "./identity";
import { databaseIdentifier } from "./names";
import type { AwsFoundation } from "./network";
import type { AwsBuckets } from "./storage";

/**
 * The drill's cache: one node of the smallest general-purpose Graviton class that keeps headroom for TLS and
 * the drill's queues (cache.t4g.small, 2 vCPU burstable, 1.37 GiB; T4g "available only for Redis OSS engine
 * version 5.0.6 onward", ElastiCache API reference, CacheNode, read 2026-12-01; micro's 0.5 GiB leaves little
 * once ElastiCache reserves its default 25 % of memory, `reserved-memory-percent`, for backups and failover,
 * ElastiCache user guide, redis-memory-management, read 2026-12-01). No replica, so no automatic
 * failover or Multi-AZ (components/aws/elastiCache.ts), no snapshots, no final snapshot, not protected. Its
 * own, never production's: the drill's workers would otherwise take production's jobs.
 */
export const DRILL_CACHE: CacheSizing = { nodeType: "cache.t4g.small", replicas: 0, snapshotRetentionDays: 0, disposable: true };

/**
 * The restore drill's data services in the active region (patterns/drill.ts), all under the Drill component
 * (`ctx.parent`) and named from `ctx.prefix` (`<region>-drill`), so none shares a URN or a physical name with
 * production and turning the drill off deletes exactly them.
 *
 * The database is production's restored by RestoreDBInstanceToPointInTime in the same region, from its own
 * automated backups, named by the instance's resource id (`sourceDbiResourceId`, which a rename of the
 * instance does not change), to `pointInTime` or to the latest restorable time, "typically within the last five
 * minutes" (RDS user guide, USER_PIT, read 2026-12-01). It is the same RdsPostgres component as production's,
 * disposable: in production's VPC and data subnets, its own subnet group, a security group open to the cluster
 * alone and the `rds.force_ssl` parameter group; single-AZ; no deletion protection, `protect`, final snapshot or
 * kept automated backups. What the restore keeps and what the provider sets is the component's comment: the
 * encryption is the source's, this region's key (the API takes no KmsKeyId); the databases and master user are
 * the backup's, and so is the master password, which the provider sets again right after the restore with
 * ModifyDBInstance (terraform-provider-aws #35589): both are the deployment's, `ctx.databasePassword`.
 *
 * Its backup retention is declared as the restore leaves it, production's: RDS gives a restored instance its
 * source's retention unless the request sets one ("the restored database inherits the backup retention period
 * from the source snapshot or instance", RDS user guide, USER_WorkingWithAutomatedBackups.BackupRetention), and
 * the provider's restore sends none and changes none after it (terraform-provider-aws instance.go,
 * resourceInstanceCreate, restore_to_point_in_time branch, read 2026-12-01). 0 would be accepted for
 * PostgreSQL (ModifyDBInstance BackupRetentionPeriod: "Can't be set to 0 if the DB instance is a source to read
 * replicas"), but only by a second `pulumi up`, a change "applied during the next maintenance window unless the
 * ApplyImmediately parameter is enabled", with "a brief I/O suspension" (RDS API reference, ModifyDBInstance,
 * read 2026-12-01). Its backups cost nothing while it runs (the free allowance grows with its own storage,
 * cost/prices/aws.yaml rds.backup-storage) and are deleted with it (`deleteAutomatedBackups`).
 *
 * The identity reads the production application bucket and nothing else (stacks/aws/identity.ts, read-only);
 * the backup bucket is Velero's, which the drill's restore reads through Velero's own role.
 */
export function buildDrill(
  ctx: StampContext,
  net: AwsFoundation,
  cluster: AwsCluster,
  production: { postgres: AwsPostgres; buckets: AwsBuckets },
  account: ServiceAccountRef,
  pointInTime?: string,
): DrillPort {
  const db = rdsPostgres(ctx, net, cluster, `${ctx.prefix}-postgres`, {
    identifier: databaseIdentifier(ctx.config.stack, ctx.stamp.region, "-drill"),
    follows: { kind: "restored", sourceDbiResourceId: production.postgres.resourceId, ...(pointInTime ? { pointInTime } : {}) },
    disposable: true,
  });
  return {
    postgres: postgresPort(ctx, db),
    cache: buildCache(ctx, net, cluster, DRILL_CACHE),
    identity: buildAppIdentity(ctx, net, cluster, production.buckets, account, "read-only"),
  };
}
