import type { DalpConfig } from "../../config/types";
import { BACKUP_TIERS } from "../../facts/backups";
import { type AlertSeverity, type AlertSignal, SIGNAL_REQUIREMENTS } from "../../facts/monitoring";
import { maxCronGapMinutes } from "../../lib/cron";
import type { DatabasePlacement } from "../../topology/types";
import { backupSchedules, scheduleName, scheduleResourceName } from "../velero/schedule";
import { BUCKET_PROBE_PREFIX, ENDPOINT_PROBE } from "./probes";

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
}

/**
 * Whether the region's exporter can see a replication lag. postgres_exporter computes
 * `pg_replication_lag_seconds` from `pg_last_xact_replay_timestamp()`, which only a server in recovery has:
 * on a primary it is 0 by definition. The cloud-native pattern's standby (RDS Multi-AZ, Azure zone-redundant
 * HA, Cloud SQL regional) is synchronous and not reachable by SQL, so only a region whose database is an
 * asynchronous cross-region replica has a lag to alert on.
 */
export function measuresReplicationLag(database: DatabasePlacement): boolean {
  return database.kind === "replica";
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
    rule("readiness-failures", "DalpPodNotReady", "warning",
      `sum by (namespace, pod) (kube_pod_status_ready{${ns}, condition="false"}) > 0`, "10m",
      "A DALP pod has failed its readiness probe for 10 minutes", "kube-state-metrics"),
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
      `1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"} > ${THRESHOLDS.diskUsageRatio}`, "15m",
      `A node filesystem is more than ${THRESHOLDS.diskUsageRatio * 100}% full`, "node-exporter"),
  ];
}

type RuleBuilder = (signal: AlertSignal, alert: string, severity: AlertSeverity, expr: string, forDuration: string, summary: string, metrics: string) => AlertRule;

/**
 * Backup status, on the Schedules the Velero chart renders (`velero-dalp-<tier>`: Velero labels each backup's
 * metrics with its Schedule's name). Velero keeps a schedule's last-success time only in memory, from its
 * first success after the server starts, so a schedule that has not succeeded since Velero (re)started, or
 * since it was created, has no such series; it is alerted on once its longest gap plus the slack has passed.
 */
function backupRules(config: Pick<DalpConfig, "charts" | "backup" | "alerts">, rule: RuleBuilder): AlertRule[] {
  const tiers = BACKUP_TIERS.filter((t) => scheduleName(t.tier) in backupSchedules(config));
  const anySchedule = `schedule=~"${tiers.map((t) => scheduleResourceName(t.tier)).join("|")}"`;
  return [
    rule("backup-failure", "DalpBackupFailed", "critical",
      `increase(velero_backup_failure_total{${anySchedule}}[1h]) > 0 or increase(velero_backup_partial_failure_total{${anySchedule}}[1h]) > 0`, "0m",
      "A scheduled DALP backup failed; treat any backup failure as critical", "velero"),
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

/** The `spec` of a monitoring.coreos.com/v1 PrometheusRule holding the rules. */
export function prometheusRuleSpec(rules: AlertRule[]) {
  return { groups: [{ name: "dalp-ha", rules }] };
}
