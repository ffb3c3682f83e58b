import * as fs from "fs";
import * as path from "path";
import { referenceStacks, stackFilePath } from "../planner/stackFiles";
import { UsageError } from "./exitCodes";

export const DEFAULT_STACK = "aws-cloud-native";

export interface PlanCommandOptions {
  config?: string;
  json?: string;
}

/** `dalp-ha plan [STACK] [--config FILE] [--json FILE]` */
export async function planCommand(stackArg: string | undefined, options: PlanCommandOptions, out: (text: string) => void): Promise<void> {
  const { stack, configFile } = resolveStack(stackArg, options.config);
  // Loaded here, not at the top: the planner pulls in the Pulumi SDK, which `--help` does not need.
  const [{ planStack }, { writeStackExport }, { renderPlan }] = await Promise.all([
    import("../planner/plan"),
    import("../planner/stackExport"),
    import("../planner/summary"),
  ]);
  const plan = await planStack({ stack, configFile });
  out(renderPlan(plan));
  if (options.json) {
    writeStackExport(plan, options.json);
    out(`wrote ${options.json} (pulumi stack export format, deployment version 3)`);
  }
}

/**
 * Which stack to plan and from which file: a named reference stack, or any stack file given with --config
 * (its stack name then comes from STACK or from the file name `Pulumi.<stack>.yaml`).
 */
export function resolveStack(stackArg: string | undefined, configOption: string | undefined): { stack: string; configFile?: string } {
  if (configOption) {
    const file = path.resolve(configOption);
    if (!fs.existsSync(file)) throw new UsageError(`--config ${configOption}: no such file`);
    const fromName = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1];
    return { stack: stackArg ?? fromName ?? path.basename(file).replace(/\.ya?ml$/, ""), configFile: file };
  }
  const stack = stackArg ?? DEFAULT_STACK;
  if (!fs.existsSync(stackFilePath(stack))) {
    throw new UsageError(`no reference stack "${stack}"; the reference stacks are: ${referenceStacks().join(", ")} (or pass a stack file with --config)`);
  }
  return { stack };
}
