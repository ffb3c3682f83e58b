import { fromPlan } from "../checker/fromPlan";
import { policyResourcesOf } from "../checker/runner";
import type { Plan } from "../planner/model";
import { viewOf, type Cloud } from "../policies/view";
import { isCrossRegionReplica } from "../topology/databaseIdentity";
import type { DatabasePlacement } from "../topology/types";

/** One box of the diagram: a service of a region, as the planned graph declares it. */
export interface ServiceBox {
  id: string;
  kind: "cluster" | "database" | "cache" | "bucket";
  label: string;
}

export interface RegionBox {
  /** The Mermaid id of the region's subgraph. */
  id: string;
  region: string;
  role: string;
  workloads: string;
  zones: string[];
  services: ServiceBox[];
}

export interface LinkArrow {
  from: string;
  to: string;
  kind: "database-replication" | "bucket-replication" | "traffic";
  label: string;
  /** Drawn dotted: standing by rather than carrying load. */
  standby: boolean;
}

/** What `dalp-ha diagram` draws: regions with their services, the links between them, and where users go. */
export interface Architecture {
  stack: string;
  cloud: string;
  pattern: string;
  regions: RegionBox[];
  links: LinkArrow[];
  /** The DNS name users resolve and how it routes, when the stack manages it. */
  traffic?: { hostname: string; routing: string; ttlSeconds?: number; healthChecked: boolean };
}

const CLUSTER: Record<string, string> = { aws: "EKS", azure: "AKS", gcp: "GKE", kubernetes: "Kubernetes" };
const CACHE: Record<string, string> = { aws: "ElastiCache", azure: "Azure Managed Redis", gcp: "Memorystore for Redis", kubernetes: "cache" };
const STORE: Record<string, string> = { aws: "S3 bucket", azure: "storage account", gcp: "GCS bucket", kubernetes: "bucket" };
const HA: Record<string, string> = { "zone-redundant": "zone-redundant HA", "same-zone": "same-zone HA", none: "no HA" };

interface RegionOutput {
  role: string;
  workloads: string;
  zones: string[];
  database: { kind: string };
  cache: { identifier: string; tls: boolean };
}

/**
 * The architecture of a planned stack, read from its graph through the policy pack's cloud-neutral view (one
 * reader per cloud: clusters, databases with their HA and replica source, buckets with their replication) and
 * from the stack outputs (each region's role, zones and cache), so the diagram shows what `pulumi up` creates.
 */
export function architectureOf(plan: Plan): Architecture {
  const view = viewOf(policyResourcesOf(fromPlan(plan, plan.stack)));
  const outputs = plan.outputs as { cloud: string; pattern: string; regions: Record<string, RegionOutput>; traffic?: { hostname: string } };
  const cloud = outputs.cloud as Cloud;
  const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
  const inRegion = <T extends { urn: string }>(items: T[], region: string) => items.filter((x) => view.stampOf(x.urn)?.region === region);

  const regions: RegionBox[] = view.stamps.map((stamp) => {
    const out = outputs.regions[stamp.region];
    const services: ServiceBox[] = [
      ...inRegion(view.clusters, stamp.region).map((c) => ({ id: id(stamp.region, "cluster"), kind: "cluster" as const, label: `${CLUSTER[cloud]} ${c.minor}` })),
      ...inRegion(view.databases, stamp.region).map((d) => ({
        id: id(stamp.region, "db"),
        kind: "database" as const,
        label: `${d.service}, ${HA[d.ha.mode]}: ${placementLabel(stamp.database)}`,
      })),
      ...(out?.cache ? [{ id: id(stamp.region, "cache"), kind: "cache" as const, label: `${CACHE[cloud]}${out.cache.tls ? ", TLS" : ""}` }] : []),
      ...inRegion(view.buckets, stamp.region).map((b) => ({ id: id(stamp.region, `bucket_${b.purpose ?? b.name}`), kind: "bucket" as const, label: `${b.purpose ? `${STORE[cloud]} ${b.purpose}` : b.label}${b.versioning ? ", versioned" : ""}` })),
    ];
    return { id: id(stamp.region), region: stamp.region, role: stamp.role, workloads: stamp.workloads, zones: out?.zones ?? [], services };
  });

  const links: LinkArrow[] = [];
  for (const stamp of view.stamps) {
    const source = stamp.database.source;
    if (source && isCrossRegionReplica(stamp.database as DatabasePlacement)) {
      links.push({ from: id(source, "db"), to: id(stamp.region, "db"), kind: "database-replication", label: "asynchronous replica", standby: false });
    }
  }
  for (const b of view.buckets) {
    const from = view.stampOf(b.urn)?.region;
    for (const target of b.replicatesTo) {
      const into = view.buckets.find((o) => o !== b && o.ids.some((i) => target === i || target.endsWith(`:::${i}`) || target.endsWith(`/${i}`)));
      const to = into ? view.stampOf(into.urn)?.region : undefined;
      if (from && to && into) links.push({ from: id(from, `bucket_${b.purpose ?? b.name}`), to: id(to, `bucket_${into.purpose ?? into.name}`), kind: "bucket-replication", label: "replication", standby: false });
    }
  }
  const serving = regions.filter((r) => r.workloads === "serving" || r.workloads === "warm");
  for (const r of serving) {
    links.push({ from: "users", to: id(r.region, "cluster"), kind: "traffic", label: r.role === "active" ? "serves" : "on failover", standby: r.role !== "active" });
  }
  const route = view.routes[0];
  const traffic = outputs.traffic && route ? { hostname: outputs.traffic.hostname, routing: route.routing, ttlSeconds: route.ttlSeconds, healthChecked: route.healthChecked } : undefined;
  return { stack: plan.stack, cloud, pattern: outputs.pattern, regions, links: dedupe(links), traffic };
}

function placementLabel(db: { kind?: string; source?: string; formerSource?: string; promoted?: boolean }): string {
  switch (db.kind) {
    case "primary":
      return "primary";
    case "replica":
      return `replica of ${db.source}`;
    case "reseeded":
      return db.promoted ? `primary (re-seeded from ${db.source}, promoted)` : `re-seeded replica of ${db.source}`;
    case "promoted":
      return `primary (promoted from a replica of ${db.formerSource})`;
    case "former-primary":
      return "former primary, isolated";
    default:
      return db.kind ?? "unknown";
  }
}

const dedupe = (links: LinkArrow[]) => links.filter((l, i) => links.findIndex((o) => o.from === l.from && o.to === l.to && o.kind === l.kind) === i);
