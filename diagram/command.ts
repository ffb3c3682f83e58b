import { UsageError } from "../cli/exitCodes";
import { planNamingFile, resolveStack } from "../cli/plan";

/** `dalp-ha diagram (STACK | --config FILE)`: the planned architecture as a Mermaid flowchart. */
export async function diagramCommand(stackArg: string | undefined, options: { config?: string }, out: (text: string) => void): Promise<void> {
  if (!stackArg && !options.config) throw new UsageError("name the stack: a reference STACK or --config FILE");
  const { stack, configFile } = resolveStack(stackArg, options.config);
  // Loaded here so that usage errors and --help stay fast.
  const [{ planStack }, { architectureOf }, { toMermaid }] = await Promise.all([import("../planner/plan"), import("./architecture"), import("./mermaid")]);
  const plan = await planNamingFile({ stack, configFile }, planStack);
  out(toMermaid(architectureOf(plan)));
}
