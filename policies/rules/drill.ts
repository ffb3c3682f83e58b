import { DRILL_INTERVAL_DAYS, DRILL_INTERVAL_SOURCE } from "../../facts/drills";
import { cite } from "../../facts/source";
import { DalpPolicy, get, ofTypes, stackRule } from "./kit";
import { T } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

export const drillRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-backup-drill-restores",
      description: "A restore drill is configured or recorded within the drill interval: a backup proves nothing until a restore of it has been drilled.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${cite("backup", "Recovery boundary")}; ${cite("backup", "Recovery checks")}; ${DRILL_INTERVAL_SOURCE}`,
      remediationSteps:
        "Set dalp:drill.enabled true and pulumi up, follow `dalp-ha drill-record <stack>`, turn the drill off, and record the date it passed in dalp:drill.lastRun (YYYY-MM-DD).",
      configSchema: { properties: { maxAgeDays: { type: "integer", minimum: 1, default: DRILL_INTERVAL_DAYS } } },
    },
    (args, report) => {
      const { maxAgeDays } = args.getConfig<{ maxAgeDays: number }>();
      const global = ofTypes(args.resources, [T.dalp.global])[0];
      if (!global) args.notApplicable("the stack declares no dalp:pattern:Global component");
      if (ofTypes(args.resources, [T.dalp.drill]).length > 0) return;
      const lastRun = get(global.props, "drill.lastRun") as string | undefined;
      if (lastRun === undefined) {
        report("no restore drill is running and none is recorded (dalp:drill.lastRun): the backups are unproven.", global.urn);
        return;
      }
      const age = Math.floor((Date.now() - Date.parse(`${lastRun}T00:00:00Z`)) / DAY_MS);
      if (!(age <= maxAgeDays)) report(`the last restore drill (dalp:drill.lastRun ${lastRun}) is ${age} days old; the interval is ${maxAgeDays} days.`, global.urn);
    },
  ),
];
