import { DalpPolicy, stackRule } from "../kit";
import { streaming, viewOf } from "../../view";
import { alertsOf, countsFor } from "./prometheusRules";

/**
 * Metrics of replication lag measured on the replica (how far its replay is behind): postgres_exporter's
 * pg_replication_lag(_seconds) is `now() - pg_last_xact_replay_timestamp()` on a standby and 0 on a primary;
 * CloudNativePG's cnpg_pg_replication_lag, RDS ReplicaLag, Cloud SQL replica_lag and Flexible Server
 * physical_replication_delay_in_seconds exist on replicas only.
 */
export const REPLICA_SIDE = /\bpg_replication_lag(_seconds)?\b|cnpg_pg_replication_lag|replica_lag|physical_replication_delay/i;

export const replicationLagRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-watch-existing-replicas",
    description: "A replication-lag alert reads a metric that exists in the stack: a replica-side lag needs a replica that streams WAL.",
    severity: "medium",
    enforcementLevel: "advisory",
    source:
      'Backup and recovery, Monitoring: "Warn when replication lag exceeds 60 seconds" (an alert that can never fire hides the signal it claims to cover); postgres_exporter pg_replication query: lag is 0 when not in recovery',
    remediationSteps:
      "Without a read replica (RDS replicateSourceDb, Flexible Server createMode Replica, Cloud SQL masterInstanceName) or a CloudNativePG standby, drop the alert; with one, point an exporter at the replica and alert on its lag.",
  },
  (args, report) => {
    const lagAlerts = alertsOf(args.resources).filter((a) => countsFor(a, "replication-lag") && REPLICA_SIDE.test(a.expr));
    if (lagAlerts.length === 0) args.notApplicable("no alert reads a replica-side replication-lag metric");
    if (streaming(viewOf(args.resources)).length > 0) return;
    for (const a of lagAlerts) {
      report(`alert ${a.alert} reads replica-side lag (${REPLICA_SIDE.exec(a.expr)?.[0]}), but the stack has no replica that streams WAL: a managed HA standby reports no lag, so the alert can never fire.`, a.owner.urn);
    }
  },
);
