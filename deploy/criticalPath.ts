import type { CheckInput, CheckResource } from "../checker/model";
import type { Duration } from "./durations";

export interface PathStep {
  urn: string;
  type: string;
  name: string;
  duration: Duration;
}

/** The longest chain of operations a `pulumi up` must run one after another, and how long it takes. */
export interface CriticalPath {
  /** Seconds along the path, every operation at its shortest and at its longest typical time. */
  seconds: { min: number; max: number };
  /** The operations on the path, first to last (components left out: they take no time). */
  steps: PathStep[];
}

/**
 * The critical path through a stack's dependency graph: each resource starts when everything it depends on
 * (its dependencies, its provider, and for a component all its children) has finished, and takes its own
 * typical duration. The engine runs everything else in parallel, so the update takes at least as long as this
 * path. The path is chosen by each operation's midpoint duration; `only` restricts it to the operations an
 * update performs (a failover's targeted set), the others counting as already done; `to` ends it at one
 * resource (the path to the first workload release, say) instead of at the last to finish.
 */
export function criticalPath(input: CheckInput, durationOf: (r: CheckResource) => Duration, options: { only?: ReadonlySet<string>; to?: string } = {}): CriticalPath {
  const { only } = options;
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  const providerUrn = (ref?: string) => (ref ? ref.split("::").slice(0, -1).join("::") : undefined);
  const children = new Map<string, string[]>();
  for (const r of input.resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);

  type Finish = { mid: number; min: number; max: number; via?: string };
  const memo = new Map<string, Finish>();
  const visiting = new Set<string>();
  const finish = (urn: string): Finish => {
    const known = memo.get(urn);
    if (known) return known;
    const r = byUrn.get(urn);
    if (!r || visiting.has(urn)) return { mid: 0, min: 0, max: 0 };
    visiting.add(urn);
    const before = [...r.dependencies, ...Object.values(r.propertyDependencies).flat(), providerUrn(r.provider), ...(r.custom ? [] : (children.get(urn) ?? []))].filter((u): u is string => u !== undefined && u !== urn);
    let start: Finish = { mid: 0, min: 0, max: 0 };
    for (const dep of before) {
      const f = finish(dep);
      if (f.mid > start.mid) start = { ...f, via: dep };
    }
    const d = only && !only.has(urn) ? { min: 0, max: 0 } : durationOf(r);
    const result = { mid: start.mid + (d.min + d.max) / 2, min: start.min + d.min, max: start.max + d.max, via: start.via };
    visiting.delete(urn);
    memo.set(urn, result);
    return result;
  };

  let last: string | undefined = options.to;
  if (last) finish(last);
  else for (const r of input.resources) if (!last || finish(r.urn).mid > finish(last).mid) last = r.urn;
  const steps: PathStep[] = [];
  for (let at = last; at; at = memo.get(at)?.via) {
    const r = byUrn.get(at) as CheckResource;
    const d = durationOf(r);
    if (r.custom && (!only || only.has(at)) && d.max > 0) steps.unshift({ urn: r.urn, type: r.type, name: r.name, duration: d });
  }
  const end = last ? (memo.get(last) as Finish) : { min: 0, max: 0 };
  return { seconds: { min: end.min, max: end.max }, steps };
}
