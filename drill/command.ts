import { UsageError } from "../cli/exitCodes";
import { planNamingFile, resolveStack } from "../cli/plan";
import { DRILL_FORMATS, type DrillFormat } from "./render";

/** `dalp-ha drill-record (STACK | --config FILE) [--format markdown|json]`: the running drill's evidence form. */
export async function drillRecordCommand(stackArg: string | undefined, options: { config?: string; format: string }, out: (text: string) => void): Promise<void> {
  if (!DRILL_FORMATS.includes(options.format as DrillFormat)) throw new UsageError(`--format must be one of ${DRILL_FORMATS.join(", ")}, not "${options.format}"`);
  if (!stackArg && !options.config) throw new UsageError("name the stack: a reference STACK or --config FILE");
  const { stack, configFile } = resolveStack(stackArg, options.config);
  // Loaded here so that usage errors and --help stay fast.
  const [{ planStack }, { drillRecord }, { renderDrillRecord }, { stackConfig }, { stackFilePath }] = await Promise.all([
    import("../planner/plan"),
    import("./record"),
    import("./render"),
    import("../runbook/stackConfig"),
    import("../planner/stackFiles"),
  ]);
  const plan = await planNamingFile({ stack, configFile }, planStack);
  const config = stackConfig(configFile ?? stackFilePath(stack), stack);
  out(renderDrillRecord(drillRecord(plan, config), options.format as DrillFormat));
}
