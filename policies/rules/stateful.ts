import { viewOf } from "../view";
import { DalpPolicy, inDrill, ofTypes, stackRule } from "./kit";
import { STATEFUL } from "./types";

export const statefulRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-stateful-require-protect",
      description: "Resources that hold data or keys are protected, so no configuration change can replace or delete them silently.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: "Backup and recovery, Recovery boundary; Cloud-native HA, Data services and backups",
      remediationSteps: "Set the resource option protect: true (and keep the service's own deletion protection on); unprotect deliberately, with `pulumi state unprotect`, when a deletion is intended.",
    },
    (args, report) => {
      // The return's release step lifts `protect` from the former primary's database on purpose (dalp:reseed).
      const released = viewOf(args.resources).releasedForReturn;
      // A restore drill's database and cache are deleted with the drill (patterns/drill.ts).
      for (const r of ofTypes(args.resources, STATEFUL)) if (r.opts.protect !== true && !released.has(r.urn) && !inDrill(r.urn)) report(`${r.type} ${r.name} is not protected.`, r.urn);
    },
  ),
];
