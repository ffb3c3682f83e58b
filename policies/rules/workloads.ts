import type { PolicyResource } from "@pulumi/policy";
import { DALP_SERVICE_LABEL } from "../../facts/labels";
import { DALP_SERVICES } from "../../facts/workloads";
import { chartName, valuesOf } from "./helm";
import { get } from "./kit";
import { T } from "./types";

export type DalpService = (typeof DALP_SERVICES)[number];

/** The label that tells one DALP service's pods from another's (facts/labels.ts). */
export const SERVICE_LABEL = DALP_SERVICE_LABEL;

/** The zone label every managed cluster puts on its nodes (well-known label topology.kubernetes.io/zone). */
export const ZONE_LABEL = "topology.kubernetes.io/zone";
/** The label that label used to be; clusters still set both. */
export const LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";

/** The DALP chart names a rule recognises (configurable per rule). */
export const dalpChartsSchema = { dalpCharts: { type: "array", items: { type: "string" }, default: ["dalp"] } } as const;

export function dalpReleases(resources: PolicyResource[], charts: readonly string[]): PolicyResource[] {
  return resources.filter((r) => r.type === T.k8s.release && charts.includes(chartName(r.props)));
}

/** One service's values in a DALP release: under `<key>` (the dalp chart) or `dalp.<key>` (wrapper charts). */
export function serviceValues(releaseProps: Record<string, any>, key: string): Record<string, any> | undefined {
  const values = valuesOf(releaseProps);
  return (values[key] ?? get(values, `dalp.${key}`)) as Record<string, any> | undefined;
}

/** The labels a DALP service's pods carry, as far as the values say: the global pod labels and its own. */
export function servicePodLabels(releaseProps: Record<string, any>, key: string): Record<string, string> {
  const values = valuesOf(releaseProps);
  const global = (get(values, "global.podLabels") ?? get(values, "dalp.global.podLabels") ?? {}) as Record<string, string>;
  return { ...global, ...((serviceValues(releaseProps, key)?.podLabels ?? {}) as Record<string, string>) };
}

/** What the dalp chart does with a service's values left unset, where the product docs say so. */
export interface ChartDefaults {
  replicaCount?: number;
  podAntiAffinityPreset?: string;
}

/**
 * A chart default of a service from facts/workloads.ts (`chartDefaults`), or undefined where the product docs
 * give none: a rule then asks for the value to be set.
 */
export function chartDefault<K extends keyof ChartDefaults>(service: DalpService, key: K): ChartDefaults[K] | undefined {
  return (service.chartDefaults as ChartDefaults)[key];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** Kubernetes label-selector semantics; an empty selector selects everything, as in a PodDisruptionBudget. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === "In") return has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === "NotIn") return !has || !(e.values ?? []).includes(labels[e.key]);
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    return false;
  });
  return byLabel && byExpression;
}

/** How many replicas a budget lets be evicted at once (Kubernetes rounds percentages up). */
export function allowedDisruptions(spec: { maxUnavailable?: unknown; minAvailable?: unknown }, replicas: number): number | undefined {
  const count = (value: unknown) => {
    const text = String(value);
    return text.endsWith("%") ? Math.ceil((Number(text.slice(0, -1)) * replicas) / 100) : Number(value);
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null && spec.maxUnavailable !== "") return count(spec.maxUnavailable);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.minAvailable !== "") return replicas - count(spec.minAvailable);
  return undefined;
}

/**
 * What is wrong with a budget for `replicas` pods, or undefined when it lets a drain evict some but never all:
 * a budget that allows no eviction blocks every node drain (node-pool upgrades then fail), one that allows
 * all of them protects nothing.
 */
export function budgetProblem(spec: { maxUnavailable?: unknown; minAvailable?: unknown }, replicas: number): string | undefined {
  const allowed = allowedDisruptions(spec, replicas);
  if (allowed === undefined || Number.isNaN(allowed)) return "sets neither maxUnavailable nor minAvailable";
  if (allowed < 1) return `lets no pod of ${replicas} be evicted, so it blocks every node drain and node-pool upgrade`;
  if (allowed >= replicas) return `lets all ${replicas} pods be evicted at once`;
  return undefined;
}

export interface SpreadConstraint {
  topologyKey?: string;
  labelSelector?: LabelSelector;
  maxSkew?: number;
}

/** A topology spread constraint over zones that selects the given pods. */
export function spreadsOverZones(constraints: unknown, podLabels: Record<string, string>): boolean {
  return ((constraints as SpreadConstraint[] | undefined) ?? []).some(
    (c) => (c.topologyKey === ZONE_LABEL || c.topologyKey === LEGACY_ZONE_LABEL) && c.labelSelector !== undefined && selects(c.labelSelector, podLabels),
  );
}

export { DALP_SERVICES };
