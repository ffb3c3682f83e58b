import { PRICED_CLOUDS, priceBook } from "../cost/priceBook";
import { usageFor } from "../cost/usage";
import { planStack } from "../planner/plan";
import { referenceStacks, stackFilePath } from "../planner/stackFiles";
import { stackConfig } from "../runbook/stackConfig";
import { COMPARISON_NOTES } from "./command";
import type { Comparison } from "./model";
import { comparisonRow } from "./rows";

/** Every region some price book prices in full. */
export const pricedRegions = (): string[] => PRICED_CLOUDS.flatMap((c) => priceBook(c).regions());

/** The cloud whose price book holds a region. */
export const regionCloud = (region: string): string | undefined => PRICED_CLOUDS.find((c) => priceBook(c).regions().includes(region));

/** The reference stacks (of one cloud, if given), each planned once and compared. */
export async function buildComparison(options: { cloud?: string; priceIn?: string; usageFile?: string; hourlyRate: number }): Promise<Comparison> {
  const stacks = referenceStacks().filter((s) => !options.cloud || s.startsWith(`${options.cloud}-`));
  const rows = [];
  for (const stack of stacks) {
    const plan = await planStack({ stack });
    const config = stackConfig(stackFilePath(stack), stack);
    rows.push(comparisonRow(plan, { usage: usageFor(stack, options.usageFile), hourlyRate: options.hourlyRate, priceIn: options.priceIn, config }));
  }
  return { currency: "USD", hourlyRate: options.hourlyRate, rows, notes: COMPARISON_NOTES(options.hourlyRate) };
}
