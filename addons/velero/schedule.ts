import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS, BackupTierName, CHART_BACKUP_DEFAULTS } from "../../facts/backups";
import { DALP_APP_LABEL, MONITORING_NAMESPACE, SUPPORT_RELEASE } from "../shared/labels";

/** The Velero schedule of a tier: `dalp-hourly`, `dalp-support`, ... */
export function scheduleName(tier: BackupTierName): string {
  return `dalp-${tier}`;
}

/** Velero's duration format for a whole number of hours, e.g. 720 -> "720h0m0s". */
export function veleroTtl(hours: number): string {
  return `${hours}h0m0s`;
}

type BackupConfig = Pick<DalpConfig, "backup" | "charts" | "alerts">;

/** What each surface's schedule selects: the DALP resources, the support chart's, or the monitoring namespace. */
function selection(config: BackupConfig, surface: (typeof BACKUP_TIERS)[number]["surface"]) {
  switch (surface) {
    case "kubernetes":
      return { includedNamespaces: [config.charts.namespace], labelSelector: { matchLabels: { ...DALP_APP_LABEL } } };
    case "support":
      // The support chart labels what it installs with its release name, as Helm charts conventionally do.
      return { includedNamespaces: [config.charts.namespace], labelSelector: { matchLabels: { "app.kubernetes.io/instance": SUPPORT_RELEASE } } };
    case "observability":
      return { includedNamespaces: [MONITORING_NAMESPACE] };
  }
}

/**
 * The Velero schedules of the product's backup table (Backup and recovery, What gets backed up): the DALP
 * namespace hourly, daily and weekly, kept 48 hours, 7 days and 30 days; the support chart's surface every 4
 * hours, kept 7 days; observability data daily, kept 3 days. Each selects its surface, backs volumes up by
 * filesystem backup and leaves events out, as the chart's own schedule does (Chart-backed backup resources).
 * Observability is backed up only where this stack runs the monitoring stack.
 */
export function backupSchedules(config: BackupConfig): Record<string, ReturnType<typeof schedule>> {
  return Object.fromEntries(
    BACKUP_TIERS.filter((t) => t.surface !== "observability" || config.alerts.enabled).map((t) => [scheduleName(t.tier), schedule(config, t)]),
  );
}

function schedule(config: BackupConfig, tier: (typeof BACKUP_TIERS)[number]) {
  const { schedule: cron, retentionHours } = config.backup[tier.tier];
  return {
    disabled: false,
    paused: CHART_BACKUP_DEFAULTS.paused,
    schedule: cron,
    useOwnerReferencesInBackup: false,
    template: {
      ttl: veleroTtl(retentionHours),
      storageLocation: "default",
      ...selection(config, tier.surface),
      excludedResources: [...CHART_BACKUP_DEFAULTS.excludedResources],
      defaultVolumesToFsBackup: CHART_BACKUP_DEFAULTS.volumesByFilesystemBackup,
      snapshotVolumes: false,
    },
  };
}
