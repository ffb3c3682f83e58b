import type { DalpConfig } from "../../config/types";
import { DALP_APP_LABEL } from "../shared/labels";

export const DALP_SCHEDULE_NAME = "dalp-daily";

/** Velero's duration format for a whole number of days, e.g. 30 days -> "720h0m0s". */
export function veleroTtl(days: number): string {
  return `${days * 24}h0m0s`;
}

/**
 * The DALP backup schedule as the product docs define the chart default: daily at 02:00, DALP-labelled
 * resources of the release namespace, volumes by filesystem backup, events excluded, TTL from retention.
 * (Product docs, backup and recovery: "Chart-backed backup resources".)
 */
export function dalpBackupSchedule(config: Pick<DalpConfig, "backup" | "charts">) {
  return {
    disabled: false,
    paused: false,
    schedule: config.backup.schedule,
    useOwnerReferencesInBackup: false,
    template: {
      ttl: veleroTtl(config.backup.retentionDays),
      storageLocation: "default",
      includedNamespaces: [config.charts.namespace],
      labelSelector: { matchLabels: { ...DALP_APP_LABEL } },
      excludedResources: ["events", "events.events.k8s.io"],
      defaultVolumesToFsBackup: true,
      snapshotVolumes: false,
    },
  };
}
