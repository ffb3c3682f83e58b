import { viewOf } from "../../view";
import { DalpPolicy, stackRule } from "../kit";
import { HOT_WARM, QUIET_ROLES } from "./source";

export const standbyValidatorsRule: DalpPolicy = stackRule(
  {
    name: "dalp-standby-stop-validators",
    description: "A standby or isolated region runs no validator: its validator workloads are staged at zero replicas.",
    severity: "critical",
    // Two regions signing with one key produce conflicting blocks: the chain forks, and transactions of the
    // losing branch are lost. That is data loss, so the rule is mandatory.
    enforcementLevel: "mandatory",
    source: `${HOT_WARM}, Production requirements: Secrets and keys, "Do not start duplicate signing or validator operations against production traffic"; Manual failover sequence, step 5`,
    remediationSteps:
      "Keep validators on in the active region only: in each standby or cold stamp set the validator release's replicaCount (or the StatefulSet's spec.replicas) to 0, and let dalp:primaryRegion move them at failover.",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    const quiet = view.stamps.filter((s) => QUIET_ROLES.includes(s.role));
    if (quiet.length === 0) args.notApplicable("no region of the stack is a standby or isolated");
    for (const stamp of quiet) {
      if (stamp.validators === "on") report(`region ${stamp.region} is ${stamp.role} but its stamp turns validators on.`, stamp.urn);
      for (const v of view.validators.filter((w) => view.stampOf(w.urn)?.urn === stamp.urn)) {
        if (v.replicas === undefined) report(`validator workload ${v.resource.name} in ${stamp.role} region ${stamp.region} sets no replica count (${v.readFrom}), so its chart's default runs validators.`, v.urn);
        else if (v.replicas > 0) report(`validator workload ${v.resource.name} in ${stamp.role} region ${stamp.region} runs ${v.replicas} replica(s) (${v.readFrom}): it signs next to the active region.`, v.urn);
      }
    }
  },
);
