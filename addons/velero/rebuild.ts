import * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS } from "../../facts/backups";
import type { DatabasePlacement } from "../../topology/types";
import { NamespaceRestore } from "./namespaceRestore";
import { scheduleResourceName } from "./schedule";
import { replicatedLocationName } from "./values";
import { utcSecond } from "../../lib/utcSecond";

/** The Restore of hot-cold's rebuild, by the name `velero restore describe` takes. */
export const REBUILD_RESTORE = "dalp-rebuild";

/** The Schedules that back up the DALP namespace (the product's backup table, Kubernetes resources). */
export function dalpNamespaceSchedules(): string[] {
  return BACKUP_TIERS.filter((t) => t.surface === "kubernetes").map((t) => scheduleResourceName(t.tier));
}

/**
 * The rebuild's restore of the DALP namespace from the backups the home region's Velero wrote and bucket
 * replication copied here, read through the read-only location Velero has for them, taken no later than the
 * database's point in time, or than the backup the database was restored from.
 */
export function rebuildRestore(
  prefix: string,
  config: Pick<DalpConfig, "charts">,
  database: Extract<DatabasePlacement, { kind: "restored" }>,
  /** The moment the restored database's data is of, where the cloud restores a backup rather than a point. */
  restoredTo: pulumi.Input<string> | undefined,
  dependsOn: pulumi.Resource[],
  opts: pulumi.ComponentResourceOptions,
): NamespaceRestore {
  return new NamespaceRestore(`${prefix}-rebuild-restore`, {
    restoreName: REBUILD_RESTORE,
    jobName: REBUILD_RESTORE,
    location: replicatedLocationName(database.source),
    schedules: dalpNamespaceSchedules(),
    namespace: config.charts.namespace,
    // To the second, as Velero writes its times (lib/utcSecond.ts).
    pointInTime: database.pointInTime ?? (restoredTo === undefined ? pulumi.output(anHourBefore(Date.now())) : pulumi.output(restoredTo).apply((t) => utcSecond(Date.parse(t)))),
    dependsOn,
  }, opts);
}

/**
 * The bound of a rebuild to the latest: the newest backup at least an hour old. Its volume data has had the
 * time to replicate object by object (S3 Replication Time Control 15 minutes; Azure object replication and GCS
 * replication state no bound), and a database restored to the latest holds what it references (Flexible Server's
 * geo-backup lags up to an hour). The job reads it once, when it is created (the job ignores later edits).
 */
function anHourBefore(now: number): string {
  return utcSecond(now - 3600_000);
}
