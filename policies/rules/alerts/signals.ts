import { ALERT_SIGNALS, type AlertSignal } from "../../../facts/monitoring";
import { DalpPolicy, stackRule } from "../kit";
import { streaming, viewOf } from "../../view";
import { alertsOf, countsFor } from "./prometheusRules";

export const coverSignalsRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-cover-signals",
    description: "Alert rules exist for every signal the backup and recovery page requires; replication lag where the stack has a replica to lag.",
    severity: "high",
    enforcementLevel: "advisory",
    source: "Backup and recovery, Monitoring; Cloud-native HA, Production readiness checks: Observability",
    remediationSteps:
      "Add PrometheusRule alerts for the missing signals (the dalp-ha stacks emit them with alerts enabled; see docs/alerts.md). A replication-lag alert is asked for only where a read replica, a CloudNativePG standby or replica cluster exists.",
    configSchema: { properties: { signals: { type: "array", items: { type: "string", enum: [...ALERT_SIGNALS] }, default: [...ALERT_SIGNALS] } } },
  },
  (args, report) => {
    const { signals } = args.getConfig<{ signals: AlertSignal[] }>();
    const alerts = alertsOf(args.resources);
    // A managed HA standby has no lag anyone can read: the signal applies where a replica streams WAL.
    const replicated = streaming(viewOf(args.resources)).length > 0;
    const missing = signals.filter((s) => (s !== "replication-lag" || replicated) && !alerts.some((a) => countsFor(a, s)));
    if (missing.length > 0) report(`no alert for: ${missing.join(", ")}.`);
  },
);
