import { streaming, viewOf } from "../../view";
import { DalpPolicy, stackRule } from "../kit";
import { alertsOf, countsFor } from "./prometheusRules";
import { REPLICA_SIDE } from "./replicationLag";

export const standbyLagRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-watch-standby-lag",
    description: "Each region that holds a streaming replica alerts on that replica's lag from its own monitoring.",
    severity: "high",
    // Lag is the RPO: an unwatched replica can fall hours behind unnoticed, but an alert by itself neither
    // loses nor protects data. Advisory, like the other alert rules.
    enforcementLevel: "advisory",
    source:
      'Hot-warm active-standby, Production requirements: PostgreSQL replication, "Monitor lag continuously", and Observability, "Alert on standby health, replication lag"; Operational checks: Replication lag; Backup and recovery, Monitoring: warn above 60 seconds',
    remediationSteps:
      "In the region of each read replica, add a PrometheusRule alert labelled dalp_signal: replication-lag on the replica-side lag (pg_replication_lag_seconds from an exporter on the replica, cnpg_pg_replication_lag, or the cloud's replica lag metric); the dalp-ha stamps emit it with alerts enabled.",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    const replicas = streaming(view).filter((d) => view.stampOf(d.urn) !== undefined);
    if (replicas.length === 0) args.notApplicable("no region of the stack holds a streaming replica");
    const lagAlerts = alertsOf(args.resources).filter((a) => countsFor(a, "replication-lag") && REPLICA_SIDE.test(a.expr));
    for (const db of replicas) {
      const stamp = view.stampOf(db.urn);
      if (!lagAlerts.some((a) => view.stampOf(a.owner.urn)?.urn === stamp?.urn)) {
        report(`${db.service} replica ${db.resource.name} in region ${stamp?.region} has no replication-lag alert in that region: its lag, the standby's RPO, goes unwatched.`, db.urn);
      }
    }
  },
);
