import type * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS } from "../../facts/backups";
import type { DatabasePlacement } from "../../topology/types";
import { NamespaceRestore } from "./namespaceRestore";
import { scheduleResourceName } from "./schedule";
import { replicatedLocationName } from "./values";

/** The Restore of hot-cold's rebuild, by the name `velero restore describe` takes. */
export const REBUILD_RESTORE = "dalp-rebuild";

/** The Schedules that back up the DALP namespace (the product's backup table, Kubernetes resources). */
export function dalpNamespaceSchedules(): string[] {
  return BACKUP_TIERS.filter((t) => t.surface === "kubernetes").map((t) => scheduleResourceName(t.tier));
}

/**
 * The rebuild's restore of the DALP namespace from the backups the home region's Velero wrote and bucket
 * replication copied here, read through the read-only location Velero has for them, taken no later than the
 * database's point in time.
 */
export function rebuildRestore(
  prefix: string,
  config: Pick<DalpConfig, "charts">,
  database: Extract<DatabasePlacement, { kind: "restored" }>,
  dependsOn: pulumi.Resource[],
  opts: pulumi.ComponentResourceOptions,
): NamespaceRestore {
  return new NamespaceRestore(`${prefix}-rebuild-restore`, {
    restoreName: REBUILD_RESTORE,
    location: replicatedLocationName(database.source),
    schedules: dalpNamespaceSchedules(),
    namespace: config.charts.namespace,
    pointInTime: database.pointInTime,
    dependsOn,
  }, opts);
}
