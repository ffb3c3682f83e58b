import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./exitCodes";
import { planNamingFile, resolveStack } from "./plan";

export interface DiffCommandOptions {
  state?: string;
  config?: string;
  format: string;
}

const FORMATS = ["text", "json"] as const;

/**
 * `dalp-ha diff --state STATE.json (STACK | --config FILE) [--format text|json]`: what `pulumi preview --diff`
 * would do to the stack in STATE.json if the configuration were applied. The program is planned under the
 * state's own stack name (URNs and the names derived from the stack carry it), with the configuration of
 * STACK's file or FILE. Returns true when a change would stop `pulumi up` (DiffResult.blocked).
 */
export async function diffCommand(stackArg: string | undefined, options: DiffCommandOptions, out: (text: string) => void): Promise<boolean> {
  if (!FORMATS.includes(options.format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
  if (!options.state) throw new UsageError("--state FILE is required: a `pulumi stack export` of the stack, or what `dalp-ha plan --json` wrote");
  if (!stackArg && !options.config) throw new UsageError("name the configuration to diff: a reference STACK or --config FILE");
  if (!fs.existsSync(options.state)) throw new UsageError(`--state ${options.state}: no such file`);
  if (fs.statSync(options.state).isDirectory()) throw new UsageError(`--state ${options.state}: is a directory, not a state file`);
  const { stack, configFile } = resolveStack(stackArg, options.config);

  // Loaded here so that usage errors and --help stay fast.
  const [{ planStack }, { stackFilePath, PROJECT_ROOT }, diff, report] = await Promise.all([
    import("../planner/plan"),
    import("../planner/stackFiles"),
    import("../planner/diff"),
    import("../planner/diff/report"),
  ]);
  const state = diff.readState(options.state);
  const stackName = state.resources.length > 0 && state.stack !== "unknown" ? state.stack : stack;
  const file = configFile ?? stackFilePath(stack);
  const plan = await planNamingFile({ stack: stackName, configFile: file }, planStack);
  const result = diff.diffAgainstState(plan, state);

  if (options.format === "json") out(JSON.stringify(report.jsonDiffReport(result), null, 2));
  else {
    const source = configFile ? path.relative(process.cwd(), configFile) : path.relative(process.cwd(), path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`));
    const as = stackName !== stack ? ` as stack ${stackName} (the state's)` : "";
    out(report.textDiffReport(result, `dalp-ha diff: ${source || file}${as} against ${options.state}`));
  }
  return diff.losesProtectedResources(result);
}
