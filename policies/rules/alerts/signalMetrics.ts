import type { AlertSignal } from "../../../facts/monitoring";

/**
 * The metrics that evidence each signal the product docs require alerts for. A rule counts for a signal when
 * it carries the label `dalp_signal: <signal>` or its expression uses one of these metrics, so stacks not built
 * by this project are judged fairly too.
 */
export const REQUIRED_SIGNALS: Record<AlertSignal, RegExp> = {
  "api-availability": /probe_success|up\{[^}]*(dapi|dapp|dalp)|kube_deployment_status_replicas_available/,
  "pod-restarts": /kube_pod_container_status_restarts_total/,
  "readiness-failures": /kube_pod_status_ready|kube_pod_container_status_ready/,
  "unavailable-replicas": /replicas_unavailable|status_replicas_ready|replicas_available/,
  "database-failover": /pg_up|pg_postmaster_start_time_seconds|cnpg_pg_replication_is_wal_receiver_up|aws_rds_|cnpg_collector_up/,
  "cache-availability": /redis_up/,
  "object-storage-access": /backup_storage_location|probe_success\{[^}]*(s3|bucket|storage)/,
  "backup-failure": /velero_backup_(failure|partial_failure)_total|velero_backup_last_status|velero_backup_last_successful_timestamp/,
  "replication-lag": /replication_lag|pg_replication_lag_seconds|cnpg_pg_replication_lag|replica_lag|replication_delay/,
  "certificate-expiry": /probe_ssl_earliest_cert_expiry|certmanager_certificate_expiration_timestamp_seconds|x509_cert_not_after/,
  "disk-usage": /kubelet_volume_stats_used_bytes|node_filesystem_avail_bytes/,
};
