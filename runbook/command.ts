import { UsageError } from "../cli/exitCodes";
import { planNamingFile, resolveStack } from "../cli/plan";
import { FORMATS, type Format } from "./render";

export interface RunbookCommandOptions {
  config?: string;
  failoverTo?: string;
  format: string;
}

/** `dalp-ha runbook (STACK | --config FILE) [--failover-to REGION] [--format text|markdown|json]` */
export async function runbookCommand(stackArg: string | undefined, options: RunbookCommandOptions, out: (text: string) => void): Promise<void> {
  if (!FORMATS.includes(options.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
  if (!stackArg && !options.config) throw new UsageError("name the stack: a reference STACK or --config FILE");
  const { stack, configFile } = resolveStack(stackArg, options.config);
  // Loaded here so that usage errors and --help stay fast.
  const [{ runbookForStack }, { render }] = await Promise.all([import("./forStack"), import("./render")]);
  const runbook = await planNamingFile({ stack, configFile }, (target) => runbookForStack({ ...target, failoverTo: options.failoverTo }));
  out(render(runbook, options.format as Format));
}
