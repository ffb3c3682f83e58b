import type { UsageKey } from "./usage";

/** Hours in a month, as the clouds' calculators and Infracost bill hourly resources. */
export const HOURS_PER_MONTH = 730;

/** One line of a resource's cost: what is billed, how much of it, at what price, from which source. */
export interface CostComponent {
  name: string;
  /** What the quantity counts: hours, GB, GB-months, months, million queries. */
  unit: string;
  /** At the minimum size (the bottom of an autoscaling range), or the only size. */
  quantity: number;
  unitPrice: number;
  monthlyCost: number;
  /** At the top of the autoscaling range, where it differs from the minimum. */
  maxQuantity?: number;
  maxMonthlyCost?: number;
  /** The price book entry (`key` or `key:sku`) and the region it was read for. */
  price: string;
  region: string;
  source: string;
  asOf: string;
  /** Why the price is an estimate, when the book marks it so. */
  estimate?: string;
  /** The usage file key the quantity comes from, when it is usage rather than the planned graph. */
  usage?: UsageKey;
}

export interface ResourceCost {
  urn: string;
  type: string;
  name: string;
  region: string;
  components: CostComponent[];
  monthlyCost: number;
  maxMonthlyCost: number;
}

export interface CostEstimate {
  stack: string;
  cloud: string;
  currency: "USD";
  /** Every resource at its minimum size (autoscaling at its floor). */
  totalMonthlyCost: number;
  /** Every node pool and autoscaled database storage at its maximum. */
  totalMonthlyCostMax: number;
  /** Billable resources only, in the plan's order. */
  resources: ResourceCost[];
  /** How many resources cost nothing by themselves (networks, IAM, Kubernetes objects). */
  freeResources: number;
  /** What the estimate leaves out or assumes, for the reader. */
  notes: string[];
  /** Price book entries older than the book's staleAfterDays. */
  stalePrices: string[];
}

/** Rounds money to cents for display and totals, leaving unit prices as the book gives them. */
export const cents = (usd: number) => Math.round(usd * 100) / 100;
