import * as fs from "fs";
import * as path from "path";
import type { CheckInput } from "../checker/model";
import { UsageError } from "../cli/exitCodes";
import { planNamingFile, resolveStack } from "../cli/plan";

export interface CostCommandOptions {
  config?: string;
  state?: string;
  preview?: string;
  diff?: boolean;
  format: string;
  usage?: string;
}

const FORMATS = ["table", "json"] as const;

/** Error names the CLI prints as a message (exit 2), without a stack trace: bad input, a price the book lacks. */
export const COST_INPUT_ERRORS = new Set(["UnknownPriceError", "UnpricedTypesError", "UsageFileError"]);

/**
 * `dalp-ha cost (STACK | --config FILE | --state FILE | --preview FILE) [--format table|json] [--usage FILE]`,
 * and `dalp-ha cost --diff OLD NEW`: the monthly cost of a planned stack, a state, or the change a
 * `pulumi preview --json` describes.
 */
export async function costCommand(args: string[], options: CostCommandOptions, out: (text: string) => void): Promise<void> {
  if (!FORMATS.includes(options.format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
  if (options.usage && !fs.existsSync(options.usage)) throw new UsageError(`--usage ${options.usage}: no such file`);
  const given = [args.length > 0 && !options.diff, options.config !== undefined, options.state !== undefined, options.preview !== undefined, options.diff === true].filter(Boolean).length;
  const stackWithConfig = args.length === 1 && options.config !== undefined && !options.diff && options.state === undefined && options.preview === undefined;
  if (given !== 1 && !stackWithConfig) throw new UsageError("name what to price: a STACK, --config FILE, --state FILE, --preview FILE, or --diff OLD NEW (one of them)");
  if (options.diff && args.length !== 2) throw new UsageError(`--diff takes two stacks to compare, OLD and NEW (each a reference stack, a stack file, a state export or a preview), not ${args.length}`);
  if (!options.diff && args.length > 1) throw new UsageError(`cost prices one stack at a time, not ${args.length}; to compare two, use --diff OLD NEW`);

  // Loaded here so that usage errors and --help stay fast.
  const [{ estimateCost }, { usageFor }, render, { diffCosts }] = await Promise.all([import("./estimate"), import("./usage"), import("./render"), import("./diff")]);
  const price = (input: CheckInput) => estimateCost(input, { usage: usageFor(input.stack, options.usage) });

  if (options.diff) {
    const [before, after] = [await readSource(args[0]), await readSource(args[1])];
    const d = diffCosts(price(before), price(after));
    out(options.format === "json" ? render.costDiffJson(d) : render.costDiffTable(d, `dalp-ha cost --diff: ${args[0]} -> ${args[1]}`));
    return;
  }
  if (options.preview) {
    if (!fs.existsSync(options.preview)) throw new UsageError(`--preview ${options.preview}: no such file`);
    const { readPreview } = await import("./fromPreview");
    const { before, after } = readPreview(options.preview);
    const estimate = price(after);
    const d = diffCosts(before.resources.length > 0 ? price(before) : { ...estimate, resources: [], totalMonthlyCost: 0, totalMonthlyCostMax: 0 }, estimate);
    if (options.format === "json") out(JSON.stringify({ ...JSON.parse(render.costJson(estimate)), change: d }, null, 2));
    else out([render.costTable(estimate, `dalp-ha cost: ${options.preview} (after the previewed update)`), "", render.costDiffTable(d, "What the previewed update changes per month:")].join("\n"));
    return;
  }
  const input = options.state ? await readSource(options.state, "--state") : await plannedInput(args[0], options.config);
  const estimate = price(input);
  out(options.format === "json" ? render.costJson(estimate) : render.costTable(estimate, `dalp-ha cost: ${input.stack} (${estimate.cloud}, ${input.origin})`));
}

async function plannedInput(stackArg: string | undefined, config: string | undefined): Promise<CheckInput> {
  const { stack, configFile } = resolveStack(stackArg, config);
  const [{ planStack }, { fromPlan }, { PROJECT_ROOT }] = await Promise.all([import("../planner/plan"), import("../checker/fromPlan"), import("../planner/stackFiles")]);
  const plan = await planNamingFile({ stack, configFile }, planStack);
  const origin = configFile ? path.relative(process.cwd(), configFile) || configFile : path.relative(process.cwd(), path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`));
  return fromPlan(plan, origin);
}

/** A reference stack's name, a stack file, a state export (or `plan --json`), or a preview (its result). */
async function readSource(arg: string, option?: string): Promise<CheckInput> {
  const label = option ? `${option} ${arg}` : arg;
  if (!fs.existsSync(arg)) {
    if (option || /[/\\]|\.(ya?ml|json)$/.test(arg)) throw new UsageError(`${label}: no such file`);
    return plannedInput(arg, undefined);
  }
  if (fs.statSync(arg).isDirectory()) throw new UsageError(`${label} is a directory, not a stack file, state or preview`);
  if (/\.ya?ml$/.test(arg)) return plannedInput(undefined, arg);
  const [{ readStackExport }, { isPreview, readPreview }] = await Promise.all([import("../checker/fromStackExport"), import("./fromPreview")]);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(arg, "utf8").replace(/^\uFEFF/, ""));
  } catch {
    return readStackExport(arg);
  }
  return isPreview(doc) ? readPreview(arg).after : readStackExport(arg);
}
