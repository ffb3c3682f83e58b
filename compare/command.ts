import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../cli/exitCodes";
import { checkWritableFile } from "../cli/plan";
import type { Comparison } from "./model";

export interface CompareOptions {
  cloud?: string;
  region?: string;
  format: string;
  out?: string;
  usage?: string;
  hourlyRate: string;
}

const FORMATS = ["table", "json", "markdown", "html"] as const;
const CLOUDS = ["aws", "azure", "gcp"] as const;

/** The people cost per hour effort is priced at when `--hourly-rate` is not given: an assumption, said so. */
export const DEFAULT_HOURLY_RATE = 100;

export const COMPARISON_NOTES = (rate: number) => [
  "Cloud cost: dalp-ha cost of each reference stack (on-demand list prices, the default usage of cost/usage.defaults.yaml), node pools at the floor and at the ceiling of their autoscaling (docs/cost.md).",
  "Effort: the product docs' setup and maintenance tables; hot-warm and hot-cold are derived from the documented activities and marked so (facts/effort.ts).",
  `People cost: the monthly hours at $${rate} an hour, an assumed rate; set yours with --hourly-rate.`,
  "Recovery: predicted from each stack's own settings and the services' published failover, promotion and detection times; every part and its source is in the json output and docs/recovery.md. Predictions are not commitments: a drill on the stack proves them.",
  "Deploy: the critical path of the planned dependency graph at typical create times; the failover update is the runbook's targeted pulumi up with the active region down (docs/recovery.md).",
];

/**
 * `dalp-ha compare [--cloud C] [--region R] [--format table|json|markdown|html] [--out FILE]`: every reference
 * stack side by side. `--region` prices each stack of that region's cloud at that region's prices.
 */
export async function compareCommand(options: CompareOptions, out: (text: string) => void): Promise<void> {
  if (!FORMATS.includes(options.format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
  if (options.cloud !== undefined && !CLOUDS.includes(options.cloud as (typeof CLOUDS)[number])) throw new UsageError(`--cloud must be one of ${CLOUDS.join(", ")}, not "${options.cloud}"`);
  const rate = Number(options.hourlyRate);
  if (!Number.isFinite(rate) || rate < 0) throw new UsageError(`--hourly-rate must be a number of USD per hour, not "${options.hourlyRate}"`);
  if (options.usage && !fs.existsSync(options.usage)) throw new UsageError(`--usage ${options.usage}: no such file`);
  if (options.out) checkWritableFile("--out", options.out);
  const { buildComparison, regionCloud } = await import("./build");
  let cloud = options.cloud;
  if (options.region) {
    const owner = regionCloud(options.region);
    if (!owner) throw new UsageError(`--region ${options.region} is in no price book; priced regions: ${(await import("./build")).pricedRegions().join(", ")}`);
    if (cloud && cloud !== owner) throw new UsageError(`--region ${options.region} is a ${owner} region, not ${cloud}`);
    cloud = owner;
  }
  const comparison = await buildComparison({ cloud, priceIn: options.region, usageFile: options.usage, hourlyRate: rate });
  const text = await render(comparison, options.format);
  if (options.out) {
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, text);
    out(`wrote ${options.out} (${comparison.rows.length} stacks, ${options.format})`);
  } else out(text);
}

async function render(c: Comparison, format: string): Promise<string> {
  const r = await import("./render");
  if (format === "json") return r.comparisonJson(c);
  if (format === "markdown") return r.comparisonMarkdown(c);
  if (format === "html") return (await import("./html")).comparisonHtml(c);
  return r.comparisonTable(c);
}
