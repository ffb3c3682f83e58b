import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS } from "../../facts/backups";
import { type AlertSeverity, type AlertSignal, SIGNAL_REQUIREMENTS } from "../../facts/monitoring";
import { maxCronGapMinutes } from "../../lib/cron";
import type { DatabasePlacement } from "../../topology/types";
import { budgetedServices, budgetName, dalpValues } from "../dalp/values";
import { backupSchedules, scheduleName, scheduleResourceName } from "../velero/schedule";
import { BACKUP_LOCATION_AVAILABLE } from "./backupLocationMetric";
import { ACTIVE_REGION_PROBE, BUCKET_PROBE_PREFIX, ENDPOINT_PROBE } from "./probes";
import { isCrossRegionReplica } from "../../topology/databaseIdentity";

/**
 * The signals the product docs require alerts for, written once for every cloud. Each becomes a Prometheus
 * alerting rule labelled `dalp_signal`, so a checker can prove every signal is covered. Thresholds, the
 * lowest severity and the source of each come from `facts/monitoring.ts`, the same facts the policy pack
 * checks the rules against.
 */
export { ALERT_SIGNALS, type AlertSignal } from "../../facts/monitoring";

const threshold = (signal: AlertSignal) => SIGNAL_REQUIREMENTS[signal].threshold!.value;

/** Thresholds as the backup and recovery page states them. */
export const THRESHOLDS = {
  podRestartsPerHour: threshold("pod-restarts"),
  replicationLagSeconds: threshold("replication-lag"),
  certificateExpiryDays: threshold("certificate-expiry"),
  diskUsageRatio: threshold("disk-usage"),
} as const;

/**
 * Node filesystems whose usage can change. Read-only images (Container-Optimized OS mounts its root read-only,
 * cloud.google.com/container-optimized-os/docs/concepts/disks-and-filesystem; Bottlerocket's root shows 100%
 * used, bottlerocket-os/bottlerocket#4557) are full by construction and would hold the alert on forever, so
 * they are left out as the chart's own NodeFilesystem rules leave them out (`node_filesystem_readonly == 0`,
 * kube-prometheus-stack-88.5.3 templates/prometheus/rules-1.14/node-exporter.yaml). `unless ... == 1` rather
 * than `and ... == 0`, so a missing readonly series silences nothing.
 */
const NODE_FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs"';

/** Slack a slow backup gets after its schedule's longest gap before it counts as missing. */
const BACKUP_SLACK_MINUTES = 120;

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: AlertSeverity; dalp_signal: AlertSignal };
  annotations: { summary: string; description: string; source: string; metrics: string };
}

/** What one region's alerts can measure, beyond what every region has. */
export interface AlertScope {
  /** How the region's PostgreSQL came to be; only an asynchronous replica has a replication lag to read. */
  database: DatabasePlacement;
  /** The active region a standby watches by probing its ingress addresses directly. */
  activeRegion?: string;
}

/**
 * Whether the region's exporter can see a replication lag. postgres_exporter computes
 * `pg_replication_lag_seconds` from `pg_last_xact_replay_timestamp()`, which only a server in recovery has:
 * on a primary it is 0 by definition. The cloud-native pattern's standby (RDS Multi-AZ, Azure zone-redundant
 * HA, Cloud SQL regional) is synchronous and not reachable by SQL, so only a region whose database is an
 * asynchronous cross-region replica has a lag to alert on.
 */
export function measuresReplicationLag(database: DatabasePlacement): boolean {
  return isCrossRegionReplica(database);
}

/** The alerting rules for one region's DALP namespace. */
export function alertRules(config: Pick<DalpConfig, "charts" | "backup" | "alerts">, scope: AlertScope): AlertRule[] {
  const ns = `namespace="${config.charts.namespace}"`;
  const endpoint = `${ns}, target="${ENDPOINT_PROBE.target}"`;
  const rule = (signal: AlertSignal, alert: string, severity: AlertSeverity, expr: string, forDuration: string, summary: string, metrics: string): AlertRule => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity, dalp_signal: signal },
    annotations: {
      summary,
      description: `${summary} ({{ $labels.namespace }} {{ $labels.pod }}{{ $labels.instance }})`,
      source: SIGNAL_REQUIREMENTS[signal].source,
      metrics,
    },
  });

  return [
    rule("api-availability", "DalpEndpointDown", "critical", `probe_success{${endpoint}} == 0`, "2m",
      "The DALP endpoint fails its external HTTPS probe", "blackbox-exporter"),
    rule("pod-restarts", "DalpPodRestarting", "warning",
      `increase(kube_pod_container_status_restarts_total{${ns}}[1h]) > ${THRESHOLDS.podRestartsPerHour}`, "0m",
      `A DALP container restarted more than ${THRESHOLDS.podRestartsPerHour} times in an hour`, "kube-state-metrics"),
    // Only pods that are meant to be serving: a completed Job pod (Succeeded) and a pod the kubelet evicted
    // (Failed) keep their Ready condition at False until something deletes them, which would hold the alert
    // on for as long as they linger (kube-state-metrics reports the PodReady condition of every pod).
    rule("readiness-failures", "DalpPodNotReady", "warning",
      `sum by (namespace, pod) (kube_pod_status_ready{${ns}, condition="false"}) * on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_status_phase{${ns}, phase=~"Running|Pending"}) > 0`, "10m",
      "A DALP pod has failed its readiness probe for 10 minutes", "kube-state-metrics"),
    ...disruptionBudgetRules(config, rule),
    rule("unavailable-replicas", "DalpReplicasUnavailable", "warning",
      `kube_deployment_status_replicas_unavailable{${ns}} > 0 or (kube_statefulset_replicas{${ns}} - kube_statefulset_status_replicas_ready{${ns}}) > 0`, "10m",
      "A DALP workload runs with fewer ready replicas than desired", "kube-state-metrics"),
    rule("database-failover", "DalpDatabaseDown", "critical", `pg_up{${ns}} == 0`, "2m",
      "PostgreSQL does not accept connections from the cluster", "postgres-exporter"),
    rule("database-failover", "DalpDatabaseFailover", "warning", `changes(pg_postmaster_start_time_seconds{${ns}}[15m]) > 0`, "0m",
      "PostgreSQL restarted or failed over; check application reconnection", "postgres-exporter (--collector.postmaster)"),
    rule("cache-availability", "DalpCacheDown", "critical", `redis_up{${ns}} == 0`, "2m",
      "The cache does not answer from the cluster", "redis-exporter"),
    rule("object-storage-access", "DalpBucketUnreachable", "critical", `probe_success{${ns}, target=~"${BUCKET_PROBE_PREFIX}.*"} == 0`, "5m",
      "An application bucket does not answer from the cluster", "blackbox-exporter (anonymous HTTPS probe of each application bucket)"),
    ...(config.backup.enabled ? backupRules(config, rule) : []),
    // The page a lost active region needs: its own Prometheus goes with it, and the replica-lag metric reads 0
    // once no WAL arrives, so the standby watches the active region's ingress itself (hot-warm, Manual failover
    // sequence, step 1: declare the incident).
    ...(scope.activeRegion
      ? [rule("api-availability", "DalpActiveRegionUnreachable", "critical", `max(probe_success{${ns}, target=~"${ACTIVE_REGION_PROBE.targetPrefix}.*"}) == 0`, "2m",
          `The active region ${scope.activeRegion} answers none of this standby's direct probes of its ingress: declare the incident (runbook step 1)`, "blackbox-exporter (each of the active region's ingress addresses, Host and SNI set to the domain)")]
      : []),
    ...(measuresReplicationLag(scope.database)
      ? [rule("replication-lag", "DalpReplicationLagHigh", "warning",
          `pg_replication_lag_seconds{${ns}} > ${THRESHOLDS.replicationLagSeconds}`, "5m",
          `PostgreSQL replication lag exceeds ${THRESHOLDS.replicationLagSeconds} seconds`, "postgres-exporter (on the replica)")]
      : []),
    rule("certificate-expiry", "DalpCertificateExpiring", "warning",
      `probe_ssl_earliest_cert_expiry{${endpoint}} - time() < ${THRESHOLDS.certificateExpiryDays} * 86400`, "1h",
      `The DALP TLS certificate expires in less than ${THRESHOLDS.certificateExpiryDays} days`, "blackbox-exporter"),
    rule("disk-usage", "DalpVolumeUsageHigh", "warning",
      `kubelet_volume_stats_used_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} > ${THRESHOLDS.diskUsageRatio}`, "15m",
      `A DALP persistent volume is more than ${THRESHOLDS.diskUsageRatio * 100}% full`, "kubelet"),
    rule("disk-usage", "DalpNodeDiskUsageHigh", "warning",
      `1 - node_filesystem_avail_bytes{${NODE_FILESYSTEMS}} / node_filesystem_size_bytes{${NODE_FILESYSTEMS}} > ${THRESHOLDS.diskUsageRatio} unless on (instance, device, mountpoint) node_filesystem_readonly{${NODE_FILESYSTEMS}} == 1`, "15m",
      `A node filesystem is more than ${THRESHOLDS.diskUsageRatio * 100}% full`, "node-exporter"),
  ];
}

type RuleBuilder = (signal: AlertSignal, alert: string, severity: AlertSeverity, expr: string, forDuration: string, summary: string, metrics: string) => AlertRule;

/**
 * Backup status, on the Schedules the Velero chart renders (`velero-dalp-<tier>`: Velero labels each backup's
 * metrics with its Schedule's name). Velero recomputes each schedule's last-success time every minute from the
 * Completed Backups in the cluster (vmware-tanzu/velero v1.18.1, backup_controller.go, updateTotalBackupMetric,
 * backupResyncPeriod = 1m), so the series survives a restart, but a schedule with no Completed backup at all
 * (new, or every run failed, or all expired) has none; it is alerted on once its longest gap plus the slack
 * has passed. A new Schedule's first run is its first cron time after creation, not at once (getNextRunTime
 * starts from the creation time), which that window covers.
 */
function backupRules(config: Pick<DalpConfig, "charts" | "backup" | "alerts">, rule: RuleBuilder): AlertRule[] {
  const schedules = backupSchedules(config);
  const tiers = BACKUP_TIERS.filter((t) => scheduleName(t.tier) in schedules);
  const anySchedule = `schedule=~"${tiers.map((t) => scheduleResourceName(t.tier)).join("|")}"`;
  return [
    // A backup Velero refuses before it starts (phase FailedValidation: its storage location unavailable or
    // read-only, a bad selector) counts only in `velero_backup_validation_failure_total`, not in the failure
    // counter (vmware-tanzu/velero v1.18.1, pkg/controller/backup_controller.go, RegisterBackupValidationFailure).
    rule("backup-failure", "DalpBackupFailed", "critical",
      ["velero_backup_failure_total", "velero_backup_partial_failure_total", "velero_backup_validation_failure_total"]
        .map((counter) => `increase(${counter}{${anySchedule}}[1h]) > 0`)
        .join(" or "), "0m",
      "A scheduled DALP backup failed; treat any backup failure as critical", "velero"),
    // The backup bucket is watched through Velero's own access check of it, which every schedule depends on.
    rule("object-storage-access", "DalpObjectStorageUnavailable", "critical", `${BACKUP_LOCATION_AVAILABLE} == 0`, "15m",
      "The backup bucket fails Velero's periodic access check", "kube-state-metrics custom resource state (BackupStorageLocation phase)"),
    // Without the series the alert above can never fire; the first install creates the location minutes
    // after the rule, hence the longer wait.
    rule("object-storage-access", "DalpObjectStorageUnobserved", "warning", `absent(${BACKUP_LOCATION_AVAILABLE})`, "30m",
      "The backup bucket's access check is not observed (no BackupStorageLocation phase metric)", "kube-state-metrics custom resource state (BackupStorageLocation phase)"),
    ...tiers.flatMap((t) => {
      const schedule = `schedule="${scheduleResourceName(t.tier)}"`;
      const windowMinutes = maxCronGapMinutes(config.backup[t.tier].schedule) + BACKUP_SLACK_MINUTES;
      return [
        rule("backup-failure", "DalpBackupMissing", "critical",
          `time() - velero_backup_last_successful_timestamp{${schedule}} > ${windowMinutes * 60}`, "0m",
          `No successful ${scheduleResourceName(t.tier)} backup within its schedule interval`, "velero"),
        rule("backup-failure", "DalpBackupNeverSucceeded", "critical",
          `absent(velero_backup_last_successful_timestamp{${schedule}})`, `${windowMinutes}m`,
          `No ${scheduleResourceName(t.tier)} backup has succeeded since Velero started or the schedule was created`, "velero"),
      ];
    }),
  ];
}

/**
 * A budget that protects no pod: the `dalp` chart's pods do not carry the service label the budget selects
 * (the chart's `<service>.podLabels` key is an assumption, docs/workloads.md), or the service key is not the
 * chart's. The service then has neither budget nor zone spread, which nothing else would show. The wait
 * covers the first install, where the budgets exist up to the chart's 20-minute timeout before its pods.
 */
function disruptionBudgetRules(config: Pick<DalpConfig, "charts">, rule: RuleBuilder): AlertRule[] {
  const names = budgetedServices(dalpValues(config, undefined)).map((s) => budgetName(s.key));
  if (names.length === 0) return [];
  return [
    rule("unavailable-replicas", "DalpDisruptionBudgetSelectsNoPods", "warning",
      `kube_poddisruptionbudget_status_expected_pods{namespace="${config.charts.namespace}", poddisruptionbudget=~"${names.join("|")}"} == 0`, "30m",
      "A DALP service's disruption budget selects no pod: its replicas are unprotected from drains and not spread over zones", "kube-state-metrics"),
  ];
}

/** The `spec` of a monitoring.coreos.com/v1 PrometheusRule holding the rules. */
export function prometheusRuleSpec(rules: AlertRule[]) {
  return { groups: [{ name: "dalp-ha", rules }] };
}
