import type { FailureType } from "../facts/recovery";
import type { PatternEffort } from "../facts/effort";
import type { FailurePrediction, Seconds } from "../recovery/model";

export interface Range {
  min: number;
  max: number;
}

/** One failure's prediction, with every part and its source (recovery/model.ts). */
export type FailureRow = Omit<FailurePrediction, "failure">;

/** One reference stack side by side with the others: what it costs, takes to run, and how it recovers. */
export interface ComparisonRow {
  stack: string;
  cloud: string;
  pattern: string;
  regions: string[];
  /** Monthly cloud cost in USD, the node pools at the floor and at the ceiling of their autoscaling. */
  monthlyCost: Range;
  /** The region whose prices the cost uses when `--region` re-prices the stack; else undefined. */
  pricedIn?: string;
  effort: {
    basis: PatternEffort["basis"];
    setupHours: Range;
    setupText: string;
    monthlyHours: Range;
    fte: Range;
    /** The monthly hours at the hourly rate. */
    monthlyPeopleCost: Range;
  };
  recovery: Record<FailureType, FailureRow>;
  /** The failures it survives, smallest first. */
  survives: FailureType[];
  /** The critical path of `pulumi up` creating it, and of its failover's targeted update. */
  deploy: { create: Seconds; createPath: string[]; failover?: Seconds; failoverPath?: string[] };
}

export interface Comparison {
  currency: "USD";
  /** The people cost per hour the effort is priced at. */
  hourlyRate: number;
  rows: ComparisonRow[];
  /** What every figure rests on, for the reader. */
  notes: string[];
}
