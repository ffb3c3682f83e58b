import { CloudSqlPostgres } from "../../components/gcp/cloudSqlPostgres";
import type { DrillPort, ServiceAccountRef, StampContext } from "../../ports/adapter";
import type { GcpCluster } from "./cluster";
import { buildCache, cloudSqlArgs, GcpPostgres, postgresPort } from "./data";
import { GCP_DEFAULTS } from "./defaults";
import { buildReadOnlyAppIdentity } from "./identity";
import type { GcpFoundation } from "./network";
import type { GcpBuckets } from "./storage";

/**
 * The restore drill's data services beside the active region's own (patterns/drill.ts), all under the drill's
 * component, so turning the drill off deletes exactly them:
 *
 * - a Cloud SQL clone of the region's instance, to `pointInTime` or its current state, in the same region, VPC
 *   and private services range, with the region's settings but one zone, no backups of its own and nothing that
 *   stops its deletion. The provider names it from `<region>-drill-postgres` with a suffix of its own, so it never
 *   meets production's name, and a turned-off drill's name holds nothing up ("The deleted instance name can be
 *   reused immediately", Cloud SQL "Delete instances", read 2026-12-01). The clone holds the source's databases
 *   and users, so DALP's role and its password come with it (Cloud SQL "About restoring an instance": the new
 *   instance of a point-in-time recovery "inherits the settings of the source instance, similar to how clone
 *   creation works", and a restore brings "Databases, Users"; read 2026-12-01): DALP connects with the
 *   deployment's password, and no user is declared.
 * - a Memorystore instance of its own (the drill's workers must never take production's jobs): Basic Tier, the
 *   smallest size, TLS and AUTH as production's.
 * - a Google service account for the drill's `dalp` service account that only reads the application bucket.
 */
export function buildDrill(
  ctx: StampContext,
  net: GcpFoundation,
  cluster: GcpCluster,
  production: { postgres: GcpPostgres; buckets: GcpBuckets },
  account: ServiceAccountRef,
  labels: Record<string, string>,
  pointInTime?: string,
): DrillPort {
  const db = new CloudSqlPostgres(`${ctx.prefix}-postgres`, {
    ...cloudSqlArgs(ctx, net, labels),
    placement: { role: "clone", sourceInstanceName: production.postgres.db.instance.name, ...(pointInTime !== undefined ? { pointInTime } : {}) },
    disposable: true,
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  return {
    postgres: postgresPort(ctx, db),
    cache: buildCache(ctx, net, { memorySizeGb: GCP_DEFAULTS.drillCacheMemoryGb, disposable: true }),
    identity: buildReadOnlyAppIdentity(ctx, net, cluster, production.buckets, account),
  };
}
