import { ALERT_SIGNALS, type AlertSignal } from "../../facts/monitoring";
import { DalpPolicy, get, ofTypes, stackRule } from "./kit";
import { T } from "./types";

/**
 * The signals the product docs require alerts for, each with the metrics that evidence it. A rule counts for
 * a signal when it carries the label `dalp_signal: <signal>` or its expression uses one of those metrics, so
 * stacks not built by this project are judged fairly too.
 */
export { ALERT_SIGNALS, type AlertSignal };

export const REQUIRED_SIGNALS: Record<AlertSignal, RegExp> = {
  "api-availability": /probe_success|up\{[^}]*(dapi|dapp|dalp)|kube_deployment_status_replicas_available/,
  "pod-restarts": /kube_pod_container_status_restarts_total/,
  "readiness-failures": /kube_pod_status_ready|kube_pod_container_status_ready/,
  "unavailable-replicas": /replicas_unavailable|status_replicas_ready|replicas_available/,
  "database-failover": /pg_up|pg_postmaster_start_time_seconds|cnpg_pg_replication_is_wal_receiver_up|aws_rds_|cnpg_collector_up/,
  "cache-availability": /redis_up/,
  "object-storage-access": /backup_storage_location|probe_success\{[^}]*(s3|bucket|storage)/,
  "backup-failure": /velero_backup_(failure|partial_failure)_total|velero_backup_last_status|velero_backup_last_successful_timestamp/,
  "replication-lag": /replication_lag|pg_replication_lag_seconds|cnpg_pg_replication_lag/,
  "certificate-expiry": /probe_ssl_earliest_cert_expiry|certmanager_certificate_expiration_timestamp_seconds|x509_cert_not_after/,
  "disk-usage": /kubelet_volume_stats_used_bytes|node_filesystem_avail_bytes/,
};

export const alertRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-alerts-cover-signals",
      description: "Alert rules exist for every signal the backup and recovery page requires.",
      severity: "high",
      enforcementLevel: "advisory",
      source: "Backup and recovery, Monitoring; Cloud-native HA, Production readiness checks: Observability",
      remediationSteps: "Add PrometheusRule alerts for the missing signals (the dalp-ha stacks emit them with alerts enabled; see docs/alerts.md).",
      configSchema: { properties: { signals: { type: "array", items: { type: "string", enum: [...ALERT_SIGNALS] }, default: [...ALERT_SIGNALS] } } },
    },
    (args, report) => {
      const { signals } = args.getConfig<{ signals: AlertSignal[] }>();
      const rules = ofTypes(args.resources, [T.k8s.prometheusRule]).flatMap((r) => ((get(r.props, "spec.groups") as any[]) ?? []).flatMap((g) => (g.rules as any[]) ?? []));
      const covered = (signal: AlertSignal) => rules.some((r) => r.alert && (get(r, "labels.dalp_signal") === signal || REQUIRED_SIGNALS[signal].test(String(r.expr ?? ""))));
      const missing = signals.filter((s) => !covered(s));
      if (missing.length > 0) report(`no alert for: ${missing.join(", ")}.`);
    },
  ),
];
