import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS } from "../../facts/backups";
import { type AlertSignal, SIGNAL_REQUIREMENTS } from "../../facts/monitoring";
import { maxCronGapMinutes } from "../../lib/cron";
import { backupSchedules, scheduleName } from "../velero/schedule";

/**
 * The signals the product docs require alerts for, written once for every cloud. Each becomes a Prometheus
 * alerting rule labelled `dalp_signal`, so a checker can prove every signal is covered. The signal names are
 * the policy pack's, so the rules emitted here and the rule that checks them agree.
 *
 * Sources: backup and recovery, "Monitoring" (thresholds); cloud-native HA, "Production readiness checks"
 * (Observability row) and "Application health and placement" (item 4).
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

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning"; dalp_signal: AlertSignal };
  annotations: { summary: string; description: string; source: string; metrics: string };
}

const DOC_MONITORING = "product docs: backup and recovery, Monitoring";
const DOC_READINESS = "product docs: cloud-native HA, Production readiness checks (Observability)";
const DOC_PLACEMENT = "product docs: cloud-native HA, Application health and placement, item 4";

/** The alerting rules for one DALP namespace. */
export function alertRules(config: Pick<DalpConfig, "charts" | "backup" | "alerts">): AlertRule[] {
  const ns = `namespace="${config.charts.namespace}"`;
  const schedules = Object.keys(backupSchedules(config));
  const anySchedule = `schedule=~"${schedules.join("|")}"`;
  const rule = (
    signal: AlertSignal,
    alert: string,
    severity: "critical" | "warning",
    expr: string,
    forDuration: string,
    summary: string,
    source: string,
    metrics: string,
  ): AlertRule => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity, dalp_signal: signal },
    annotations: { summary, description: `${summary} ({{ $labels.namespace }} {{ $labels.pod }}{{ $labels.instance }})`, source, metrics },
  });

  return [
    rule("api-availability", "DalpEndpointDown", "critical", `probe_success{${ns}} == 0`, "2m",
      "The DALP endpoint fails its external HTTPS probe", DOC_READINESS, "blackbox-exporter"),
    rule("pod-restarts", "DalpPodRestarting", "warning",
      `increase(kube_pod_container_status_restarts_total{${ns}}[1h]) > ${THRESHOLDS.podRestartsPerHour}`, "0m",
      `A DALP container restarted more than ${THRESHOLDS.podRestartsPerHour} times in an hour`, DOC_MONITORING, "kube-state-metrics"),
    rule("readiness-failures", "DalpPodNotReady", "warning",
      `sum by (namespace, pod) (kube_pod_status_ready{${ns}, condition="false"}) > 0`, "10m",
      "A DALP pod has failed its readiness probe for 10 minutes", DOC_PLACEMENT, "kube-state-metrics"),
    rule("unavailable-replicas", "DalpReplicasUnavailable", "warning",
      `kube_deployment_status_replicas_unavailable{${ns}} > 0 or (kube_statefulset_replicas{${ns}} - kube_statefulset_status_replicas_ready{${ns}}) > 0`, "10m",
      "A DALP workload runs with fewer ready replicas than desired", DOC_PLACEMENT, "kube-state-metrics"),
    rule("database-failover", "DalpDatabaseDown", "critical", `pg_up{${ns}} == 0`, "2m",
      "PostgreSQL does not accept connections from the cluster", DOC_READINESS, "postgres-exporter"),
    rule("database-failover", "DalpDatabaseFailover", "warning", `changes(pg_postmaster_start_time_seconds{${ns}}[15m]) > 0`, "0m",
      "PostgreSQL restarted or failed over; check application reconnection", DOC_READINESS, "postgres-exporter (--collector.postmaster)"),
    rule("cache-availability", "DalpCacheDown", "critical", `redis_up{${ns}} == 0`, "2m",
      "The cache does not answer from the cluster", DOC_READINESS, "redis-exporter"),
    rule("object-storage-access", "DalpObjectStorageUnavailable", "critical",
      `velero_backup_storage_location_phase{phase="Available"} == 0`, "15m",
      "Object storage fails Velero's periodic access check", DOC_READINESS, "kube-state-metrics custom resource state (BackupStorageLocation phase)"),
    rule("backup-failure", "DalpBackupFailed", "critical",
      `increase(velero_backup_failure_total{${anySchedule}}[1h]) > 0 or increase(velero_backup_partial_failure_total{${anySchedule}}[1h]) > 0`, "0m",
      "A scheduled DALP backup failed; treat any backup failure as critical", DOC_MONITORING, "velero"),
    // A missed run shows as no success for one schedule gap plus two hours of slack for a slow backup.
    ...BACKUP_TIERS.filter((t) => schedules.includes(scheduleName(t.tier))).map((t) =>
      rule("backup-failure", "DalpBackupMissing", "critical",
        `time() - velero_backup_last_successful_timestamp{schedule="${scheduleName(t.tier)}"} > ${(maxCronGapMinutes(config.backup[t.tier].schedule) + 120) * 60}`, "0m",
        `No successful ${scheduleName(t.tier)} backup within its schedule interval`, DOC_MONITORING, "velero")),
    rule("replication-lag", "DalpReplicationLagHigh", "warning",
      `pg_replication_lag_seconds{${ns}} > ${THRESHOLDS.replicationLagSeconds}`, "5m",
      `PostgreSQL replication lag exceeds ${THRESHOLDS.replicationLagSeconds} seconds`, DOC_MONITORING, "postgres-exporter"),
    rule("certificate-expiry", "DalpCertificateExpiring", "warning",
      `probe_ssl_earliest_cert_expiry{${ns}} - time() < ${THRESHOLDS.certificateExpiryDays} * 86400`, "1h",
      `The DALP TLS certificate expires in less than ${THRESHOLDS.certificateExpiryDays} days`, DOC_MONITORING, "blackbox-exporter"),
    rule("disk-usage", "DalpVolumeUsageHigh", "warning",
      `kubelet_volume_stats_used_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} > ${THRESHOLDS.diskUsageRatio}`, "15m",
      `A DALP persistent volume is more than ${THRESHOLDS.diskUsageRatio * 100}% full`, DOC_MONITORING, "kubelet"),
    rule("disk-usage", "DalpNodeDiskUsageHigh", "warning",
      `1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} > ${THRESHOLDS.diskUsageRatio}`, "15m",
      `A node filesystem is more than ${THRESHOLDS.diskUsageRatio * 100}% full`, DOC_MONITORING, "node-exporter"),
  ];
}

/** The `spec` of a monitoring.coreos.com/v1 PrometheusRule holding the rules. */
export function prometheusRuleSpec(rules: AlertRule[]) {
  return { groups: [{ name: "dalp-ha", rules }] };
}
