import { DalpPolicy, get, stackRule } from "./kit";
import { POOL_LABELS, PoolZone, workloadPoolZones } from "./nodePools";
import { DALP_SERVICES, dalpChartsSchema, dalpReleases, LEGACY_ZONE_LABEL, serviceValues, ZONE_LABEL } from "./workloads";

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

/** The node constraints of a service's values: its nodeSelector, required node affinity, or a hard preset. */
interface Placement {
  /** Every requirement must hold (nodeSelector, and a hard nodeAffinityPreset). */
  all: Requirement[];
  /** Required node affinity: at least one term must hold, each term's requirements all. */
  anyOf: Requirement[][];
}

function placementOf(values: Record<string, any>): Placement | undefined {
  const all: Requirement[] = Object.entries((values.nodeSelector ?? {}) as Record<string, string>).map(([key, v]) => ({ key, operator: "In", values: [String(v)] }));
  const preset = values.nodeAffinityPreset;
  if (preset?.type === "hard" && typeof preset.key === "string") all.push({ key: preset.key, operator: "In", values: ((preset.values as unknown[]) ?? []).map(String) });
  const terms = (get(values, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms") as any[] | undefined) ?? [];
  const anyOf = terms.map((t) => (t.matchExpressions as Requirement[] | undefined) ?? []).filter((t) => t.length > 0);
  return all.length === 0 && anyOf.length === 0 ? undefined : { all, anyOf };
}

function holds(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(labels[r.key]);
    case "NotIn":
      return !has || !values.includes(labels[r.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
      return has && Number(labels[r.key]) > Number(values[0]);
    case "Lt":
      return has && Number(labels[r.key]) < Number(values[0]);
    default:
      return false;
  }
}

/**
 * The pool zones a placement lets pods onto. Requirements on labels no pool of the stack carries, and that
 * name neither a zone nor a pool, are left out: something outside the stack may set them.
 */
function allowedZones(placement: Placement, nodes: PoolZone[]): PoolZone[] {
  const known = new Set([ZONE_LABEL, LEGACY_ZONE_LABEL, ...POOL_LABELS, ...nodes.flatMap((n) => Object.keys(n.labels))]);
  const judged = (r: Requirement) => known.has(r.key);
  const fits = (n: PoolZone) =>
    placement.all.filter(judged).every((r) => holds(r, n.labels)) && (placement.anyOf.length === 0 || placement.anyOf.some((term) => term.filter(judged).every((r) => holds(r, n.labels))));
  return nodes.filter(fits);
}

/** The zones a list of requirements allows, when one of them names zones; undefined means any zone. */
function zonesAllowedBy(reqs: Requirement[]): Set<string> | undefined {
  const named = reqs.filter((r) => (r.key === ZONE_LABEL || r.key === LEGACY_ZONE_LABEL) && r.operator === "In").map((r) => new Set(r.values ?? []));
  return named.length === 0 ? undefined : named.reduce((acc, z) => new Set([...acc].filter((x) => z.has(x))));
}

function intersect(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

/** Without pools in the stack, only a constraint on the zone label itself can be read: the zones it allows. */
function zonesNamed(placement: Placement): Set<string> | undefined {
  const perTerm = placement.anyOf.map(zonesAllowedBy);
  // Terms are alternatives: one that names no zone allows every zone.
  const fromTerms = perTerm.length === 0 || perTerm.some((z) => z === undefined) ? undefined : new Set(perTerm.flatMap((z) => [...(z ?? [])]));
  return intersect(zonesAllowedBy(placement.all), fromTerms);
}

export const placementRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-app-deny-zone-pinning",
      description: "No DALP service is pinned to one zone or one node pool by a node selector or a required node affinity.",
      severity: "high",
      enforcementLevel: "advisory",
      source: "Cloud-native HA, Production readiness checks: Scheduling posture, \"placement rules do not pin all replicas to one node group or zone\"; Recovery expectations: node and zone failure",
      remediationSteps:
        "Remove the zone or node-pool key from <service>.nodeSelector and <service>.affinity.nodeAffinity (or list every zone and workload pool), and spread replicas with <service>.topologySpreadConstraints over topology.kubernetes.io/zone.",
      configSchema: { properties: { ...dalpChartsSchema } },
    },
    (args, report) => {
      const { dalpCharts } = args.getConfig<{ dalpCharts: string[] }>();
      const releases = dalpReleases(args.resources, dalpCharts);
      if (releases.length === 0) args.notApplicable("DALP is not deployed by this stack");
      const nodes = workloadPoolZones(args.resources);
      const allZones = new Set(nodes.map((n) => n.zone));
      const allPools = new Set(nodes.map((n) => n.pool));
      for (const release of releases) {
        for (const service of DALP_SERVICES) {
          const placement = placementOf(serviceValues(release.props, service.key) ?? {});
          if (!placement) continue;
          const where = `${service.key}.nodeSelector/affinity`;
          if (nodes.length === 0) {
            const zones = zonesNamed(placement);
            if (zones !== undefined && zones.size <= 1) report(`${where} pins ${service.what} to zone ${[...zones].join("") || "(none)"}: a zone failure takes every replica.`, release.urn);
            continue;
          }
          const allowed = allowedZones(placement, nodes);
          const zones = new Set(allowed.map((n) => n.zone));
          const pools = new Set(allowed.map((n) => n.pool));
          if (allowed.length === 0) report(`${where} matches no node of the stack's workload pools: ${service.what} stays Pending.`, release.urn);
          else if (zones.size < 2 && allZones.size >= 2) report(`${where} pins ${service.what} to zone ${[...zones].join(", ")}: a zone failure takes every replica.`, release.urn);
          else if (pools.size < 2 && allPools.size >= 2) report(`${where} pins ${service.what} to node pool ${[...pools].join(", ")}: one pool's upgrade or failure takes every replica.`, release.urn);
        }
      }
    },
  ),
];
