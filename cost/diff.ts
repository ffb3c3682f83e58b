import { cents, type CostEstimate } from "./model";

export interface ResourceCostChange {
  urn: string;
  type: string;
  name: string;
  change: "added" | "removed" | "changed";
  before?: number;
  after?: number;
  delta: number;
}

export interface CostDiff {
  currency: "USD";
  before: number;
  after: number;
  /** What the change adds per month (negative: saves), every pool at its minimum. */
  delta: number;
  beforeMax: number;
  afterMax: number;
  /** Billable resources whose monthly cost the change alters, largest change first. */
  resources: ResourceCostChange[];
}

/** The monthly difference between two estimates of one stack, resource by resource (matched by URN). */
export function diffCosts(before: CostEstimate, after: CostEstimate): CostDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const changes: ResourceCostChange[] = [];
  for (const r of after.resources) {
    const was = old.get(r.urn);
    if (!was) changes.push({ urn: r.urn, type: r.type, name: r.name, change: "added", after: cents(r.monthlyCost), delta: cents(r.monthlyCost) });
    else if (cents(was.monthlyCost) !== cents(r.monthlyCost)) changes.push({ urn: r.urn, type: r.type, name: r.name, change: "changed", before: cents(was.monthlyCost), after: cents(r.monthlyCost), delta: cents(r.monthlyCost - was.monthlyCost) });
  }
  for (const r of before.resources) if (!now.has(r.urn)) changes.push({ urn: r.urn, type: r.type, name: r.name, change: "removed", before: cents(r.monthlyCost), delta: cents(-r.monthlyCost) });
  changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.urn.localeCompare(b.urn));
  return {
    currency: "USD",
    before: before.totalMonthlyCost,
    after: after.totalMonthlyCost,
    delta: cents(after.totalMonthlyCost - before.totalMonthlyCost),
    beforeMax: before.totalMonthlyCostMax,
    afterMax: after.totalMonthlyCostMax,
    resources: changes,
  };
}
