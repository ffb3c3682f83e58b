import { fromPlan } from "../checker/fromPlan";
import { policyResourcesOf } from "../checker/runner";
import { estimateCost } from "../cost/estimate";
import type { Usage } from "../cost/usage";
import { deployTimes } from "../deploy/failoverUpdate";
import { EFFORT } from "../facts/effort";
import type { Pattern } from "../facts/patterns";
import { FAILURE_TYPES } from "../facts/recovery";
import type { DalpConfig } from "../config/types";
import type { Plan } from "../planner/model";
import { predictRecovery } from "../recovery/predict";
import { recoverySettings } from "../recovery/settings";
import type { ComparisonRow } from "./model";

export interface RowOptions {
  usage: Usage;
  hourlyRate: number;
  /** Price every region of the stack at this region's prices. */
  priceIn?: string;
  /** The stack's validated configuration (its topology says what a failover changes). */
  config: DalpConfig;
}

/** The comparison row of one planned stack: its cost, effort, predicted recovery and deploy times. */
export function comparisonRow(plan: Plan, options: RowOptions): ComparisonRow {
  const input = fromPlan(plan, plan.stack);
  const cost = estimateCost(input, { usage: options.usage, priceIn: options.priceIn });
  const prediction = predictRecovery(recoverySettings(policyResourcesOf(input), plan.stack));
  const times = deployTimes(input, options.config);
  const pattern = plan.outputs.pattern as Pattern;
  const effort = EFFORT[pattern];
  const recovery = Object.fromEntries(prediction.failures.map(({ failure, ...rest }) => [failure, rest])) as ComparisonRow["recovery"];
  const names = (steps: { name: string }[]) => steps.map((s) => s.name);
  return {
    stack: plan.stack,
    cloud: String(plan.outputs.cloud),
    pattern,
    regions: Object.keys((plan.outputs.regions ?? {}) as object),
    monthlyCost: { min: cost.totalMonthlyCost, max: cost.totalMonthlyCostMax },
    ...(options.priceIn ? { pricedIn: options.priceIn } : {}),
    effort: {
      basis: effort.basis,
      setupHours: effort.setupTotal.hours,
      setupText: effort.setupTotal.text,
      monthlyHours: effort.monthlyHours,
      fte: effort.fte,
      monthlyPeopleCost: { min: effort.monthlyHours.min * options.hourlyRate, max: effort.monthlyHours.max * options.hourlyRate },
    },
    recovery,
    survives: FAILURE_TYPES.filter((f) => recovery[f].survives),
    deploy: {
      create: times.create.seconds,
      createPath: names(times.create.steps),
      ...(times.failover ? { failover: times.failover.seconds, failoverPath: names(times.failover.steps) } : {}),
    },
  };
}
