import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PostgresFlexibleServer } from "../../components/azure/postgresFlexibleServer";
import type { DrillPort, PostgresPort, ServiceAccountRef, StampContext } from "../../ports/adapter";
import type { AzureCluster } from "./cluster";
import { atLeastSourceStorage, AzurePostgres, buildCache, postgresPortOf, regionServerArgs, timeOfThisRun } from "./data";
import { AZURE_DEFAULTS } from "./defaults";
import { buildReadOnlyAppIdentity } from "./identity";
import { drillCacheName } from "./names";
import type { AzureFoundation } from "./network";
import type { AzureBuckets } from "./storage";

/**
 * The restore drill's data services, beside the region's own and below the drill's component (`ctx.parent`,
 * `ctx.prefix` `<region>-drill`), so that turning the drill off deletes exactly them: production's server restored
 * to a point in time as a new server, a cache of the drill's own, and an identity that only reads the application
 * container. None is protected or locked.
 */
export function buildDrillServices(
  ctx: StampContext,
  net: AzureFoundation,
  cluster: AzureCluster,
  production: { postgres: AzurePostgres; buckets: AzureBuckets },
  account: ServiceAccountRef,
  pointInTime: string | undefined,
  tags: Record<string, string>,
): DrillPort {
  return {
    postgres: drillPostgres(ctx, net, production.postgres, pointInTime, tags),
    // The drill's workers must never take production's jobs, so the cache is its own: the smallest size, one node.
    cache: buildCache(ctx, net, tags, {
      sku: AZURE_DEFAULTS.drillCacheSku,
      clusterName: pulumi.interpolate`${drillCacheName(ctx.facts.account, ctx.config.project, ctx.config.stack, ctx.stamp.region)}-${new random.RandomString(`${ctx.prefix}-cache-suffix`, { length: 6, special: false, upper: false }, { parent: ctx.parent }).result}`,
      disposable: true,
    }),
    identity: buildReadOnlyAppIdentity(ctx, net, cluster, production.buckets, account, tags),
  };
}

/**
 * Production's server restored to `pointInTime` as a new server, in production's region, delegated subnet and
 * private DNS zone: a point-in-time restore "creates a new server in the same region as your source server", and
 * from a server with private access "you can restore either to the same virtual network or to a different virtual
 * network" (concepts-backup-restore, "Point-in-time recovery" and "Restore and networking", read 2026-12-01); a
 * delegated subnet holds Flexible Servers and nothing else, "A single ... instance with high-availability features
 * uses four addresses" (network/concepts-networking-private, "Delegated subnet", read 2026-12-01): the /24 has room.
 * The same version, SKU and storage as production, which a restore takes from the source anyway ("Compute +
 * storage: Assigns the same type and size of compute and same size of storage, as the ones used by the source
 * server", how-to-restore-latest-restore-point, ms.date 2025-02-03, read 2026-12-01), encrypted as every Flexible
 * Server is ("Storage encryption is always on and can't be disabled", concepts-backup-restore FAQ), TLS enforced by
 * the component's server parameters (a restore does not carry them over, "Post-restore tasks"), single-zone (the
 * restore has no HA), without geo-redundant backup. It keeps the retention a restore gives it: Flexible Server
 * always takes backups, and the retention "Can't be changed and is automatically set to the same value as the
 * source server" (same page); they cost nothing up to the provisioned storage (concepts-backup-restore, "Backup
 * storage cost"), which a drill's few hours of WAL stay far below.
 *
 * Without `pointInTime` the restore is to the latest restorable moment: the API takes no "latest" flag but requires
 * a time, and the Azure CLI's `flexible-server restore` sends the current time when none is given (`--restore-time`,
 * "The default value is set to current time", Azure/azure-cli rdbms _params.py, read 2026-12-01), which Azure
 * recovers to "the last committed transaction" archived by then (concepts-backup-restore, "Point-in-time recovery";
 * WAL is archived "up to 5 minutes" behind, "Backup frequency"). So does the drill: the time of the run that creates
 * it, kept by `ignoreChanges` from then on, as is a given `pointInTime`, so neither a later run nor an edit of
 * `dalp:drill.pointInTime` replaces the server; to drill another moment the drill is turned off and on again.
 */
function drillPostgres(ctx: StampContext, net: AzureFoundation, production: AzurePostgres, pointInTime: string | undefined, tags: Record<string, string>): PostgresPort {
  if (production.foundation.location !== net.location) throw new Error(`the drill in ${net.location} restores its own region's server, not ${production.foundation.location}'s`);
  const { storageGb, args } = regionServerArgs(ctx, net, tags);
  const db = new PostgresFlexibleServer(`${ctx.prefix}-postgres`, {
    ...args,
    storageGb: atLeastSourceStorage(production, storageGb),
    geoRedundantBackup: false,
    dependsOn: net.dns.links,
    restoreOf: { createMode: "PointInTimeRestore", sourceServerId: production.server.id, pointInTimeUTC: pointInTime ?? timeOfThisRun() },
    disposable: true,
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  // The restored server has production's administrator and data as of the moment restored, so DALP signs in
  // with the deployment's password (components/azure/postgresFlexibleServer.ts, RestoreOf).
  return postgresPortOf(ctx, db);
}
