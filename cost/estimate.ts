import type { CheckInput, CheckResource } from "../checker/model";
import { policyResourcesOf } from "../checker/runner";
import { viewOf } from "../policies/view";
import { createsLoadBalancer, EstimateContext, type CloudPricing } from "./context";
import { awsPricing } from "./estimators/aws";
import { azurePricing } from "./estimators/azure";
import { gcpPricing } from "./estimators/gcp";
import { cents, type CostEstimate, type ResourceCost } from "./model";
import { PRICED_CLOUDS, priceBook, type PricedCloud } from "./priceBook";
import type { Usage } from "./usage";

export const PRICING: Record<PricedCloud, CloudPricing> = { aws: awsPricing, azure: azurePricing, gcp: gcpPricing };

/** Types that cost nothing on any cloud: the engine's own, random values, and the program's components. */
const FREE_EVERYWHERE: Array<[RegExp, string]> = [
  [/^pulumi:/, "the engine's own resources (stack, providers, stashes) have no charge"],
  [/^random:/, "random values are generated locally"],
  [/^kubernetes:/, "Kubernetes objects run on the priced nodes; only a LoadBalancer Service adds a cloud resource"],
];

/** A resource type that is neither priced nor known to be free: the estimate would be silently low. */
export class UnpricedTypesError extends Error {
  constructor(
    readonly cloud: string,
    readonly types: string[],
  ) {
    super(
      `cannot price ${types.length} resource type${types.length === 1 ? "" : "s"} on ${cloud}: ${types.join(", ")}. Each needs an estimator in cost/estimators/${cloud}.ts (priced) or an entry in its free list with the reason it costs nothing.`,
    );
    this.name = "UnpricedTypesError";
  }
}

/** Why a type costs nothing, or undefined when it has to be priced. */
export function freeReason(cloud: PricedCloud, type: string): string | undefined {
  return PRICING[cloud].free[type] ?? FREE_EVERYWHERE.find(([pattern]) => pattern.test(type))?.[1];
}

/** The cloud of a stack: its `cloud` output when planned, else the provider most of its resources belong to. */
export function cloudOf(input: CheckInput): PricedCloud {
  const stack = input.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const declared = stack?.outputs?.cloud;
  if (typeof declared === "string" && (PRICED_CLOUDS as readonly string[]).includes(declared)) return declared as PricedCloud;
  const counts = new Map<PricedCloud, number>();
  for (const r of input.resources) {
    const prefix = r.type.split(":")[0];
    const cloud = prefix === "azure-native" ? "azure" : prefix;
    if ((PRICED_CLOUDS as readonly string[]).includes(cloud)) counts.set(cloud as PricedCloud, (counts.get(cloud as PricedCloud) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error(`${input.origin}: no AWS, Azure or Google Cloud resource to price (self-hosted Kubernetes has no price book: its hardware is yours)`);
  return best[0];
}

export interface EstimateOptions {
  usage: Usage;
  /** Price every region at this one region's prices ("what would it cost in R"); each resource's own region by default. */
  priceIn?: string;
  /** Where the price books are; the project's own by default. */
  pricesDir?: string;
  today?: Date;
}

/**
 * Prices every resource of a planned graph, a state or a preview: each billable resource's components from the
 * cloud's price book and the usage, at the bottom and the top of its autoscaling range. A type with neither an
 * estimator nor a reason to be free stops the estimate (UnpricedTypesError), as does a SKU or region the book
 * lacks (UnknownPriceError): an estimate is never silently low.
 */
export function estimateCost(input: CheckInput, options: EstimateOptions): CostEstimate {
  const cloud = cloudOf(input);
  const book = priceBook(cloud, options.pricesDir);
  const pricing = PRICING[cloud];
  const view = viewOf(policyResourcesOf(input));
  const fallbackRegion = view.stamps[0]?.region ?? view.regions[0];
  const regionOf = (r: CheckResource): string => {
    const region = view.stampOf(r.urn)?.region ?? fallbackRegion;
    if (!region) throw new Error(`cannot tell which region ${r.urn} is in: it belongs to no dalp:pattern:Stamp and the stack has no region`);
    return region;
  };
  const ctx = new EstimateContext(book, options.usage, view, input.resources, regionOf, options.priceIn);

  // Every type is accounted for before anything is priced: a gap is named whole, not found one resource at a time.
  const unpriced = [...new Set(input.resources.filter((r) => r.custom && !createsLoadBalancer(r) && !pricing.priced[r.type] && freeReason(cloud, r.type) === undefined).map((r) => r.type))];
  if (unpriced.length > 0) throw new UnpricedTypesError(cloud, unpriced.sort());

  const resources: ResourceCost[] = [];
  let free = 0;
  const used = new Set<string>();
  for (const r of input.resources) {
    if (!r.custom) continue;
    const estimator = createsLoadBalancer(r) ? (x: CheckResource) => pricing.ingressLoadBalancer(regionOf(x), ctx) : pricing.priced[r.type];
    const components = estimator ? estimator(r, ctx) : [];
    if (components.length === 0) {
      free++;
      continue;
    }
    components.forEach((c) => used.add(`${c.price}@${c.region}`));
    const monthly = components.reduce((s, c) => s + c.monthlyCost, 0);
    const max = components.reduce((s, c) => s + (c.maxMonthlyCost ?? c.monthlyCost), 0);
    resources.push({ urn: r.urn, type: r.type, name: r.name, region: regionOf(r), components, monthlyCost: monthly, maxMonthlyCost: max });
  }

  const stale = book.stale(options.today ?? new Date()).filter((s) => [...used].some((u) => u === `${s.id}@${s.region}`));
  return {
    stack: input.stack,
    cloud,
    currency: "USD",
    totalMonthlyCost: cents(resources.reduce((s, r) => s + r.monthlyCost, 0)),
    totalMonthlyCostMax: cents(resources.reduce((s, r) => s + r.maxMonthlyCost, 0)),
    resources,
    freeResources: free,
    notes: [
      "On-demand list prices in USD, 730 hours a month; no taxes, support plan, savings plan or reservation, and no free tier but the allowances named on their lines.",
      "Usage-priced lines (marked with their usage key) use the usage file's figures: replace the defaults with measurements (docs/cost.md).",
      "Not priced: persistent volumes the Helm charts claim, traffic between zones, container images and registry transfer, requests to storage, KMS and DNS APIs, monitoring metrics.",
    ],
    stalePrices: stale.map((s) => `${s.id} in ${s.region}: read ${s.asOf}, ${s.ageDays} days ago`),
  };
}
