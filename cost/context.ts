import { propsOf, type CheckResource } from "../checker/model";
import type { View } from "../policies/view";
import { HOURS_PER_MONTH, type CostComponent } from "./model";
import type { PriceBook } from "./priceBook";
import type { Usage, UsageKey } from "./usage";

export interface LineArgs {
  name: string;
  key: string;
  sku?: string;
  region: string;
  unit: string;
  quantity: number;
  maxQuantity?: number;
  usage?: UsageKey;
}

/** What an estimator sees: the price book, the usage, where each resource is, and its neighbours. */
export class EstimateContext {
  readonly hours = HOURS_PER_MONTH;
  private readonly byType = new Map<string, CheckResource[]>();

  constructor(
    readonly book: PriceBook,
    readonly usage: Usage,
    readonly view: View,
    readonly resources: CheckResource[],
    readonly regionOf: (r: CheckResource) => string,
    /** Price every line at this region's prices instead of its own. */
    readonly priceIn?: string,
  ) {
    for (const r of resources) {
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  /** The resources of `type` in `region`: the peers a regional usage figure is spread over. */
  inRegion(type: string, region: string): CheckResource[] {
    return (this.byType.get(type) ?? []).filter((r) => this.regionOf(r) === region);
  }

  ofType(type: string): CheckResource[] {
    return this.byType.get(type) ?? [];
  }

  /** One cost line, priced from the book; an unknown key, SKU or region throws UnknownPriceError. */
  line(a: LineArgs): CostComponent {
    const region = this.priceIn ?? a.region;
    const p = this.book.price(a.key, region, a.sku);
    const monthly = a.quantity * p.usd;
    const ranged = a.maxQuantity !== undefined && a.maxQuantity !== a.quantity;
    return {
      name: a.name,
      unit: a.unit,
      quantity: a.quantity,
      unitPrice: p.usd,
      monthlyCost: monthly,
      ...(ranged ? { maxQuantity: a.maxQuantity, maxMonthlyCost: (a.maxQuantity as number) * p.usd } : {}),
      price: a.sku ? `${a.key}:${a.sku}` : a.key,
      region,
      source: p.source,
      asOf: p.asOf,
      ...(p.estimate ? { estimate: p.estimate } : {}),
      ...(a.usage ? { usage: a.usage } : {}),
    };
  }

  /** Hours of `count` (up to `maxCount`) of something billed hourly, for a month. */
  hourly(a: Omit<LineArgs, "unit" | "quantity" | "maxQuantity"> & { count?: number; maxCount?: number }): CostComponent {
    const count = a.count ?? 1;
    return this.line({ ...a, unit: "hours", quantity: count * this.hours, maxQuantity: a.maxCount !== undefined ? a.maxCount * this.hours : undefined });
  }

  /** A regional usage figure spread evenly over the region's resources of `type`. */
  shareOf(total: number, r: CheckResource): number {
    const peers = this.inRegion(r.type, this.regionOf(r)).length;
    return peers > 0 ? total / peers : total;
  }

  /** A bucket's purpose, from the view's purpose tag or label (or its name): which stored-GB figure it holds. */
  purposeOf(r: CheckResource): "app" | "backup" {
    const b = this.view.buckets.find((x) => x.urn === r.urn);
    return b?.purpose?.includes("backup") || /backup/.test(r.name) ? "backup" : "app";
  }

  /** How many other buckets replicate into this one (the view's replication targets, matched by name or ARN). */
  replicasInto(r: CheckResource): number {
    const me = this.view.buckets.find((b) => b.urn === r.urn);
    if (!me) return 0;
    return this.view.buckets.filter((b) => b !== me && b.replicatesTo.some((t) => me.ids.some((i) => t === i || t.endsWith(`:::${i}`) || t.endsWith(`/${i}`)))).length;
  }

  /** GB-months a bucket holds: its purpose's figure, plus as much again for each bucket replicating into it. */
  storedGb(r: CheckResource): number {
    return this.usage.bucketStoredGb[this.purposeOf(r)] * (1 + this.replicasInto(r));
  }

  /** A gateway billed by the hour plus the region's data through it, shared among the region's gateways. */
  gateway(r: CheckResource, a: { name: string; hourKey: string; dataKey: string; usage: "natGb" | "privateEndpointGb" }): CostComponent[] {
    const region = this.regionOf(r);
    return [this.hourly({ name: a.name, key: a.hourKey, region }), this.line({ name: "Data processed", key: a.dataKey, region, unit: "GB", quantity: this.shareOf(this.usage[a.usage], r), usage: a.usage })];
  }

  /**
   * The ingress controller's load balancer: its hourly charge, what it processes (per GB or in capacity units),
   * and the internet egress of what it serves.
   */
  ingress(region: string, a: { name: string; hourKey: string; dataKey?: string; capacityKey?: string; egressKey: string; freeEgressGb: number }): CostComponent[] {
    // The cloud's monthly free internet egress is one allowance for the whole account, shared by the stack's ingresses.
    const ingresses = this.resources.filter((r) => r.custom && createsLoadBalancer(r)).length || 1;
    const egress = Math.max(0, this.usage.internetEgressGb * ingresses - a.freeEgressGb) / ingresses;
    return [
      this.hourly({ name: a.name, key: a.hourKey, region }),
      ...(a.capacityKey ? [this.line({ name: "Load balancer capacity units", key: a.capacityKey, region, unit: "LCU-hours", quantity: this.usage.loadBalancerCapacityUnits * this.hours, usage: "loadBalancerCapacityUnits" })] : []),
      ...(a.dataKey ? [this.line({ name: "Load balancer data processed", key: a.dataKey, region, unit: "GB", quantity: this.usage.loadBalancerGb, usage: "loadBalancerGb" })] : []),
      this.line({ name: `Data transfer out to the internet${a.freeEgressGb > 0 ? ` (beyond the free ${a.freeEgressGb} GB a month, shared)` : ""}`, key: a.egressKey, region, unit: "GB", quantity: egress, usage: "internetEgressGb" }),
    ];
  }

  /** The stack's DNS queries, spread over the resources of `r`'s type that answer them. */
  dnsQueries(r: CheckResource, key: string, name = "DNS queries"): CostComponent {
    return this.line({ name, key, region: this.regionOf(r), unit: "million queries", quantity: this.stackShareOf(this.usage.dnsQueriesMillions, r), usage: "dnsQueriesMillions" });
  }

  /** A stack-wide usage figure spread evenly over every resource of `type`. */
  stackShareOf(total: number, r: CheckResource): number {
    const peers = this.ofType(r.type).length;
    return peers > 0 ? total / peers : total;
  }
}

/** The ingress controller's LoadBalancer Service, declared through a Helm release's values or as a Service. */
export function createsLoadBalancer(r: CheckResource): boolean {
  const p = propsOf(r);
  if (r.type === "kubernetes:core/v1:Service") return p.spec?.type === "LoadBalancer";
  if (!r.type.startsWith("kubernetes:helm.sh/")) return false;
  const ingress = p.values?.["ingress-nginx"];
  return ingress !== undefined && ingress.enabled !== false && ingress.controller?.service?.enabled !== false && (ingress.controller?.service?.type ?? "LoadBalancer") === "LoadBalancer";
}

/** Prices one resource; may return no lines where settings make it free (a Gateway endpoint, an AKS Free tier). */
export type Estimator = (r: CheckResource, ctx: EstimateContext) => CostComponent[];

/** A cloud's pricing: the billable types with their estimators, and the types that cost nothing, with why. */
export interface CloudPricing {
  priced: Record<string, Estimator>;
  free: Record<string, string>;
  /** The cloud's L4 load balancer that an in-cluster LoadBalancer Service (the ingress controller's) creates. */
  ingressLoadBalancer(region: string, ctx: EstimateContext): CostComponent[];
}
