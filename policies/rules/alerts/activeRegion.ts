import { ACTIVE_REGION_TARGET_PREFIX } from "../../../facts/monitoring";
import { viewOf } from "../../view";
import { DalpPolicy, stackRule } from "../kit";
import { alertsOf, countsFor } from "./prometheusRules";

export const activeRegionWatchRule: DalpPolicy = stackRule(
  {
    name: "dalp-alerts-watch-active-region",
    description: "Each standby region alerts, from its own monitoring, when the active region's ingress stops answering probes sent to its addresses.",
    severity: "high",
    // The page that starts a regional failover: without it the active region's loss waits for someone to notice.
    // An alert by itself neither loses nor protects data: advisory, like the other alert rules.
    enforcementLevel: "advisory",
    source:
      'Hot-warm active-standby, Manual failover sequence, step 1 (declare the incident); Observability, "Alert on standby health": the active region\'s own Prometheus goes down with it, and a replica\'s lag metric reads 0 once no WAL arrives',
    remediationSteps: `In each standby region, probe every ingress address of the active region directly (not through the DNS name, which moves) with the domain as Host and SNI, naming the targets ${ACTIVE_REGION_TARGET_PREFIX}<n>, and alert when none answers; the dalp-ha stamps do with alerts enabled.`,
  },
  (args, report) => {
    const view = viewOf(args.resources);
    const standbys = view.stamps.filter((s) => s.role === "standby");
    if (standbys.length === 0) args.notApplicable("no region of the stack is a standby");
    const watching = alertsOf(args.resources).filter((a) => countsFor(a, "api-availability") && a.expr.includes(ACTIVE_REGION_TARGET_PREFIX));
    for (const stamp of standbys) {
      if (!watching.some((a) => view.stampOf(a.owner.urn)?.urn === stamp.urn)) report(`standby region ${stamp.region} has no alert on the active region's ingress addresses: losing the active region pages no one.`, stamp.urn);
    }
  },
);
