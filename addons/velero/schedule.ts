import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS, BackupTierName, CHART_BACKUP_DEFAULTS } from "../../facts/backups";
import { DALP_APP_LABEL, MONITORING_NAMESPACE, SUPPORT_RELEASE, VELERO_RELEASE } from "../shared/labels";

/** The key of a tier's entry in the Velero chart's `schedules` values: `dalp-hourly`, `dalp-support`, ... */
export function scheduleName(tier: BackupTierName): string {
  return `dalp-${tier}`;
}

/**
 * The name of the Schedule the Velero chart renders for a `schedules` entry: `<fullname>-<key>`, the fullname
 * being the release name (vmware-tanzu/helm-charts, charts/velero/templates/schedule.yaml and `velero.fullname`,
 * tag velero-12.1.0). Velero labels each backup, and each metric of it (`schedule`), with this name; it is
 * what alerts select on and what `velero backup create --from-schedule` takes.
 */
export function scheduleResourceName(tier: BackupTierName): string {
  return `${VELERO_RELEASE}-${scheduleName(tier)}`;
}

/**
 * The one BackupStorageLocation the Velero release creates (on the backup bucket), which every schedule writes
 * to and whose phase the backup-bucket alert reads.
 */
export const BACKUP_STORAGE_LOCATION = "default";

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
      // An assumption (the chart is private): the support chart labels what it installs with its release
      // name, as Helm charts conventionally do and as its ingress-nginx subchart does (docs/backups.md).
      return { includedNamespaces: [config.charts.namespace], labelSelector: { matchLabels: { "app.kubernetes.io/instance": SUPPORT_RELEASE } } };
    case "observability":
      // The whole monitoring namespace: Prometheus' and Alertmanager's pods and claims, and their config.
      return { includedNamespaces: [MONITORING_NAMESPACE] };
  }
}

/**
 * The Velero schedules of the product's backup table (Backup and recovery, What gets backed up): the DALP
 * namespace hourly, daily and weekly, kept 48 hours, 7 days and 30 days; the support chart's surface every 4
 * hours, kept 7 days; observability data daily, kept 3 days. Each selects its surface, backs volumes up by
 * filesystem backup and leaves events out, as the chart's own schedule does (Chart-backed backup resources).
 * `defaultVolumesToFsBackup` makes the node agent copy every volume of every selected pod, Prometheus' TSDB
 * claims included, without annotating the pods (Velero, File System Backup: opt-out approach).
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
      storageLocation: BACKUP_STORAGE_LOCATION,
      ...selection(config, tier.surface),
      excludedResources: [...CHART_BACKUP_DEFAULTS.excludedResources],
      defaultVolumesToFsBackup: CHART_BACKUP_DEFAULTS.volumesByFilesystemBackup,
      snapshotVolumes: false,
    },
  };
}
