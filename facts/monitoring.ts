import { cite } from "./source";

/**
 * The signals alerts must cover: Cloud-native HA, Production readiness checks (Observability: "API availability,
 * pod restarts, readiness failures, database failover, cache availability, object storage access, and backup
 * status"); Application health and placement, item 4 (unavailable replicas); Backup and recovery, Monitoring
 * (replication lag, certificate expiration, disk usage).
 */
export const ALERT_SIGNALS = [
  "api-availability",
  "pod-restarts",
  "readiness-failures",
  "unavailable-replicas",
  "database-failover",
  "cache-availability",
  "object-storage-access",
  "backup-failure",
  "replication-lag",
  "certificate-expiry",
  "disk-usage",
] as const;
export type AlertSignal = (typeof ALERT_SIGNALS)[number];

export type AlertSeverity = "critical" | "warning";

/**
 * What the Backup and recovery page's Monitoring section asks of an alert, signal by signal: the lowest
 * severity it may carry and the threshold it must fire at (a stricter threshold is fine, a laxer one is not).
 */
export interface SignalRequirement {
  severity: AlertSeverity;
  /** The threshold, in the unit `unit` names; absent where the page gives none (any failure counts). */
  threshold?: { value: number; unit: "count per hour" | "seconds" | "days" | "ratio"; comparison: ">" | "<" };
  source: string;
}

const MONITORING = cite("backup", "Monitoring");
const OBSERVABILITY = cite("cloudNative", "Production readiness checks (Observability)");

export const SIGNAL_REQUIREMENTS: Record<AlertSignal, SignalRequirement> = {
  "api-availability": { severity: "warning", source: OBSERVABILITY },
  "pod-restarts": { severity: "warning", threshold: { value: 5, unit: "count per hour", comparison: ">" }, source: `${MONITORING}: "Warn when pod restarts exceed 5 per hour"` },
  "readiness-failures": { severity: "warning", source: cite("cloudNative", "Application health and placement, item 4") },
  "unavailable-replicas": { severity: "warning", source: cite("cloudNative", "Application health and placement, item 4") },
  "database-failover": { severity: "warning", source: OBSERVABILITY },
  "cache-availability": { severity: "warning", source: OBSERVABILITY },
  "object-storage-access": { severity: "warning", source: OBSERVABILITY },
  "backup-failure": { severity: "critical", source: `${MONITORING}: "Treat any backup failure as critical"` },
  "replication-lag": { severity: "warning", threshold: { value: 60, unit: "seconds", comparison: ">" }, source: `${MONITORING}: "Warn when replication lag exceeds 60 seconds"` },
  "certificate-expiry": { severity: "warning", threshold: { value: 14, unit: "days", comparison: "<" }, source: `${MONITORING}: "Warn when a certificate expires in less than 14 days"` },
  "disk-usage": { severity: "warning", threshold: { value: 0.8, unit: "ratio", comparison: ">" }, source: `${MONITORING}: "Warn when disk usage exceeds 80%"` },
};

/**
 * The name prefix of a standby's probes of the active region's ingress addresses (the stack's own convention, not
 * the product docs'): the add-on names its blackbox targets so, and the policy pack looks for an alert on them.
 */
export const ACTIVE_REGION_TARGET_PREFIX = "active-region-";
