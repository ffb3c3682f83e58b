import * as fs from "fs";
import * as path from "path";
import { referenceStacks, stackFilePath } from "../planner/stackFiles";
import { didYouMean } from "../config/didYouMean";
import { ConfigError } from "../config/errors";
import { UsageError } from "./exitCodes";

export const DEFAULT_STACK = "aws-cloud-native";

export interface PlanCommandOptions {
  config?: string;
  json?: string;
}

/** `dalp-ha plan [STACK] [--config FILE] [--json FILE]` */
export async function planCommand(stackArg: string | undefined, options: PlanCommandOptions, out: (text: string) => void): Promise<void> {
  const { stack, configFile } = resolveStack(stackArg, options.config);
  if (options.json) checkWritableFile("--json", options.json);
  // Loaded here, not at the top: the planner pulls in the Pulumi SDK, which `--help` does not need.
  const [{ planStack }, { writeStackExport }, { renderPlan }] = await Promise.all([
    import("../planner/plan"),
    import("../planner/stackExport"),
    import("../planner/summary"),
  ]);
  const plan = await planNamingFile({ stack, configFile }, planStack);
  out(renderPlan(plan));
  if (options.json) {
    try {
      writeStackExport(plan, options.json);
    } catch (err) {
      throw new UsageError(`--json ${options.json}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    out(`wrote ${options.json} (pulumi stack export format, deployment version 3)`);
  }
}

/** Plans a stack; a configuration error then names the stack file it is in. */
export async function planNamingFile<T>(
  target: { stack: string; configFile?: string },
  plan: (options: { stack: string; configFile?: string }) => Promise<T>,
): Promise<T> {
  try {
    return await plan(target);
  } catch (err) {
    if (err instanceof ConfigError) throw err.in(target.configFile ? path.relative(process.cwd(), target.configFile) || target.configFile : `Pulumi.${target.stack}.yaml`);
    throw err;
  }
}

/**
 * Refuses, before the seconds a plan takes, an output path that cannot be written: a directory, a path under
 * a file, a directory without write permission. Missing directories are created when the file is written.
 */
export function checkWritableFile(option: string, file: string): void {
  const target = path.resolve(file);
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) throw new UsageError(`${option} ${file} is a directory; name the file to write, such as ${path.join(file, "plan.json")}`);
    return;
  }
  let dir = path.dirname(target);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${option} ${file}: ${dir} is a file, not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${file}: no permission to write in ${dir}`);
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
    if (fs.statSync(file).isDirectory()) throw new UsageError(`--config ${configOption} is a directory; name the stack file, such as ${path.join(configOption, "Pulumi.<stack>.yaml")}`);
    const fromName = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1];
    return { stack: stackArg ?? fromName ?? path.basename(file).replace(/\.ya?ml$/, ""), configFile: file };
  }
  const stack = stackArg ?? DEFAULT_STACK;
  if (!fs.existsSync(stackFilePath(stack))) {
    throw new UsageError(`no reference stack "${stack}"${didYouMean(stack, referenceStacks())}; the reference stacks are: ${referenceStacks().join(", ")} (or pass a stack file with --config)`);
  }
  return { stack };
}
