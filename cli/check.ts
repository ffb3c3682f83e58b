import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./exitCodes";
import { planNamingFile, resolveStack } from "./plan";

export interface CheckCommandOptions {
  all?: boolean;
  state?: string;
  config?: string;
  format: string;
  policyConfig?: string;
}

const FORMATS = ["text", "json", "sarif"] as const;

/**
 * `dalp-ha check (STACK... | --all | --state FILE) [--format text|json|sarif] [--policy-config FILE]`
 * Returns true when a mandatory rule is violated.
 */
export async function checkCommand(stacks: string[], options: CheckCommandOptions, out: (text: string) => void): Promise<boolean> {
  if (!FORMATS.includes(options.format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
  const sources = [stacks.length > 0, options.all === true, options.state !== undefined, options.config !== undefined].filter(Boolean).length;
  if (sources !== 1 && !(stacks.length === 1 && options.config !== undefined && sources === 2)) {
    throw new UsageError("name what to check: one or more STACKs, --all, --config FILE or --state FILE (one of them)");
  }

  // Loaded here so that usage errors and --help stay fast.
  const [{ RULES: PACK_RULES }, { recoveryTargetRule }, { readPolicyConfig, resolvePolicyConfig }, { runRules, hasMandatory }, { fromPlan }, { readStackExport }, { planStack }, { referenceStacks, PROJECT_ROOT }, reports] = await Promise.all([
    import("../policies/rules"),
    import("../recovery/targetRule"),
    import("../checker/policyConfig"),
    import("../checker/runner"),
    import("../checker/fromPlan"),
    import("../checker/fromStackExport"),
    import("../planner/plan"),
    import("../planner/stackFiles"),
    import("../checker/report"),
  ]);

  // The pack's rules, and the one the offline checker adds: declared recovery targets against the prediction.
  const RULES = [...PACK_RULES, recoveryTargetRule];
  const config = options.policyConfig ? readPolicyConfig(options.policyConfig, RULES) : resolvePolicyConfig(RULES);
  const inputs = [];
  if (options.state) {
    if (!fs.existsSync(options.state)) throw new UsageError(`--state ${options.state}: no such file`);
    inputs.push(readStackExport(options.state));
  } else {
    const names = options.all ? referenceStacks() : stacks.length > 0 ? stacks : [undefined];
    for (const name of names) {
      const { stack, configFile } = resolveStack(name, options.config);
      const plan = await planNamingFile({ stack, configFile }, planStack);
      const origin = configFile ? path.relative(process.cwd(), configFile) : `Pulumi.${stack}.yaml`;
      inputs.push(fromPlan(plan, configFile ? origin : path.relative(process.cwd(), path.join(PROJECT_ROOT, origin)) || origin));
    }
  }
  const results = [];
  for (const input of inputs) results.push(await runRules(input, RULES, config));

  if (options.format === "json") out(JSON.stringify(reports.jsonReport(results), null, 2));
  else if (options.format === "sarif") out(JSON.stringify(reports.sarifReport(results, RULES, packVersion(PROJECT_ROOT)), null, 2));
  else out(reports.textReport(results, RULES));
  return hasMandatory(results);
}

function packVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "policies", "package.json"), "utf8")) as { version: string }).version;
}
