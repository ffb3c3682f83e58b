import { stackRule, type DalpPolicy } from "../policies/rules/kit";
import { FAILURE_TYPES } from "../facts/recovery";
import { predictRecovery } from "./predict";
import { recoverySettings } from "./settings";

const minutes = (seconds: number) => (seconds === Infinity ? "an unbounded time" : `${Math.round((seconds / 60) * 10) / 10} min`);

/**
 * A rule the offline checker adds to the pack's: the stack's declared recovery targets (`dalp:recoveryTargets`)
 * against its predicted recovery. It lives outside the pack because the prediction reads the service times of
 * facts/serviceTimes.ts through the recovery model, which the pack does not carry.
 */
export const recoveryTargetRule: DalpPolicy = stackRule(
  {
    name: "dalp-recovery-predict-within-target",
    description: "A declared recovery target is no tighter than the recovery the stack's settings predict.",
    severity: "medium",
    enforcementLevel: "advisory",
    source: "product docs: Hot-warm active-standby, Compliance and audit notes (do not document an RTO or RPO the drills do not back); docs/recovery.md",
    remediationSteps:
      "Loosen dalp:recoveryTargets to what the prediction and a drill support, or change what the prediction is made of (health-check interval and threshold, TTL, HA, replication) and drill again; dalp-ha compare shows each part of the prediction with its source.",
  },
  (args, report) => {
    const settings = recoverySettings(args.resources, "");
    // Nothing declared, or a stack whose cloud the prediction has no service times for: nothing to compare.
    if (Object.keys(settings.declaredTargets).length === 0 || !["aws", "azure", "gcp"].includes(settings.cloud)) return;
    const prediction = predictRecovery(settings);
    for (const failure of FAILURE_TYPES) {
      const target = settings.declaredTargets[failure];
      if (!target) continue;
      const p = prediction.failures.find((f) => f.failure === failure);
      if (!p) continue;
      if (!p.survives) {
        report(`dalp:recoveryTargets.${failure} declares a target, but the stack does not survive a ${failure} failure: ${p.how}`);
        continue;
      }
      if (target.rtoMinutes !== undefined && p.rto && p.rto.max > target.rtoMinutes * 60) {
        report(`dalp:recoveryTargets.${failure}.rtoMinutes is ${target.rtoMinutes}, but the predicted RTO of a ${failure} failure is ${minutes(p.rto.min)} to ${minutes(p.rto.max)} (${p.how})`);
      }
      if (target.rpoMinutes !== undefined && p.rpo && p.rpo.max > target.rpoMinutes * 60) {
        report(`dalp:recoveryTargets.${failure}.rpoMinutes is ${target.rpoMinutes}, but the predicted RPO of a ${failure} failure is up to ${minutes(p.rpo.max)} (${p.rpoParts.map((x) => x.name).join("; ")})`);
      }
    }
  },
);
