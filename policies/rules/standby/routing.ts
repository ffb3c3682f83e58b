import { viewOf } from "../../view";
import { valuesOf } from "../helm";
import { DalpPolicy, stackRule } from "../kit";
import { T } from "../types";
import { HOT_WARM, QUIET_ROLES } from "./source";

export const standbyRoutingRule: DalpPolicy = stackRule(
  {
    name: "dalp-standby-route-no-users",
    description: "A standby or isolated region does not route the domain, so health-checked DNS cannot send users to it before its database is promoted.",
    severity: "high",
    // A warm standby that answers its health check takes users as soon as the active region's checks fail: they
    // reach a read-only replica, and DNS sends them back to the former primary if it answers again before the
    // records are switched, which splits writes between two databases. That is data loss: mandatory.
    enforcementLevel: "mandatory",
    source: `${HOT_WARM}, Manual failover sequence: step 6 switches traffic only after step 3 promotes the database; step 4's stop condition, a region that does not serve must not receive users`,
    remediationSteps:
      "In each standby or cold stamp set the DALP release's dapp.ingress.enabled to false (the dalp-ha stamps do: DALP runs warm without the domain's route), and let dalp:primaryRegion add the route at failover.",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    const quiet = view.stamps.filter((s) => QUIET_ROLES.includes(s.role));
    if (quiet.length === 0) args.notApplicable("no region of the stack is a standby or isolated");
    for (const r of args.resources.filter((x) => x.type === T.k8s.release)) {
      const stamp = view.stampOf(r.urn);
      const dapp = valuesOf(r.props).dapp;
      if (!stamp || !QUIET_ROLES.includes(stamp.role) || dapp === undefined) continue;
      if (dapp.ingress?.enabled !== false) report(`the DALP release ${r.name} in ${stamp.role} region ${stamp.region} routes the domain (dapp.ingress.enabled is ${dapp.ingress?.enabled ?? "unset"}): its health check passes, so DNS can send users to it before its database is promoted.`, r.urn);
    }
  },
);
