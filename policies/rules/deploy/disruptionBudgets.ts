import type { PolicyResource } from "@pulumi/policy";
import { cite } from "../../../facts/source";
import { chartName, valuesOf } from "../helm";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { T } from "../types";
import {
  budgetProblem,
  chartDefault,
  DALP_SERVICES,
  dalpChartsSchema,
  dalpReleases,
  selects,
  SERVICE_LABEL,
  servicePodLabels,
  serviceValues,
  spreadsOverZones,
  ZONE_LABEL,
} from "../workloads";

/** The stack's PodDisruptionBudgets in a namespace. */
function budgetsIn(resources: PolicyResource[], namespace: unknown): PolicyResource[] {
  return ofTypes(resources, [T.k8s.podDisruptionBudget]).filter((b) => (get(b.props, "metadata.namespace") ?? "default") === (namespace ?? "default"));
}

/** What is missing for a set of pods: a budget that selects them and lets a drain evict some but not all. */
function budgetFor(resources: PolicyResource[], namespace: unknown, podLabels: Record<string, string>, replicas: number): string | undefined {
  const budgets = budgetsIn(resources, namespace).filter((b) => Object.keys(podLabels).length > 0 && selects(get(b.props, "spec.selector"), podLabels));
  if (budgets.length === 0) return "no PodDisruptionBudget selects its pods";
  const problems = budgets.map((b) => budgetProblem(get(b.props, "spec") ?? {}, replicas));
  if (problems.every((p) => p !== undefined)) return `its PodDisruptionBudget ${problems[0]}`;
  return undefined;
}

/**
 * A budget a chart renders from its values: `switchKey` names the chart's on/off switch where it has one, and
 * `defaults` are the chart's own numbers, used where the values leave them out.
 */
function chartBudget(settings: unknown, replicas: number, defaults: { maxUnavailable?: unknown; minAvailable?: unknown }, switchKey?: string): string | undefined {
  if (settings === null || settings === false) return "its chart renders no PodDisruptionBudget (podDisruptionBudget is off)";
  const given = (settings ?? {}) as Record<string, any>;
  if (switchKey !== undefined && given.enabled !== true) return `${switchKey} is not true, so its chart renders no PodDisruptionBudget`;
  const spec = given.maxUnavailable !== undefined && given.maxUnavailable !== "" ? { maxUnavailable: given.maxUnavailable } : { minAvailable: given.minAvailable ?? defaults.minAvailable, maxUnavailable: defaults.maxUnavailable };
  const problem = budgetProblem(spec, replicas);
  return problem === undefined ? undefined : `its PodDisruptionBudget ${problem}`;
}

/** Any topology spread over zones: a chart's own pods carry labels its values do not show, so no selector is compared. */
const anyZoneSpread = (constraints: unknown) => ((constraints as Array<{ topologyKey?: string }> | undefined) ?? []).some((c) => c.topologyKey === ZONE_LABEL);

/** The DALP services of the dalp releases: each with more than one replica needs a budget and a zone spread. */
function dalpServiceProblems(resources: PolicyResource[], charts: string[]): Array<{ urn: string; message: string }> {
  const found: Array<{ urn: string; message: string }> = [];
  for (const release of dalpReleases(resources, charts)) {
    for (const service of DALP_SERVICES) {
      const values = serviceValues(release.props, service.key) ?? {};
      const replicas = Number(values.replicaCount ?? chartDefault(service, "replicaCount") ?? 0);
      if (!(replicas > 1)) continue;
      const labels = servicePodLabels(release.props, service.key);
      const problems: string[] = [];
      if (labels[SERVICE_LABEL] !== service.key) problems.push(`${service.key}.podLabels does not set ${SERVICE_LABEL}: ${service.key}, so no budget or spread can select its pods alone`);
      const budget = budgetFor(resources, release.props.namespace, labels, replicas);
      if (budget) problems.push(budget);
      if (!spreadsOverZones(values.topologySpreadConstraints, labels)) problems.push(`${service.key}.topologySpreadConstraints do not spread its pods over ${ZONE_LABEL}`);
      if (problems.length > 0) found.push({ urn: release.urn, message: `${service.what} (${replicas} replicas): ${problems.join("; ")}.` });
    }
  }
  return found;
}

/** Prometheus and Alertmanager of kube-prometheus-stack: the chart's budget switch, and zone placement. */
function monitoringProblems(resources: PolicyResource[]): Array<{ urn: string; message: string }> {
  const found: Array<{ urn: string; message: string }> = [];
  for (const release of resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "kube-prometheus-stack")) {
    const values = valuesOf(release.props);
    for (const component of ["prometheus", "alertmanager"] as const) {
      const spec = get(values, `${component}.${component}Spec`) ?? {};
      const replicas = Number(spec.replicas ?? 1);
      if (!(replicas > 1) || get(values, `${component}.enabled`) === false) continue;
      const problems: string[] = [];
      // Chart default: podDisruptionBudget {enabled: false, minAvailable: 1} (kube-prometheus-stack 88.5.3 values.yaml, read 2026-12-01).
      const budget = chartBudget(get(values, `${component}.podDisruptionBudget`), replicas, { minAvailable: 1 }, `${component}.podDisruptionBudget.enabled`);
      if (budget) problems.push(budget);
      const zoned = anyZoneSpread(spec.topologySpreadConstraints) || (["soft", "hard"].includes(spec.podAntiAffinity) && spec.podAntiAffinityTopologyKey === ZONE_LABEL);
      if (!zoned) problems.push(`${component}Spec neither spreads nor anti-affines its pods over ${ZONE_LABEL}`);
      if (problems.length > 0) found.push({ urn: release.urn, message: `${component} (${replicas} replicas): ${problems.join("; ")}.` });
    }
  }
  return found;
}

/** ingress-nginx, standalone or as the support chart's subchart: its budget renders from minAvailable. */
function ingressProblems(resources: PolicyResource[], supportCharts: string[]): Array<{ urn: string; message: string }> {
  const found: Array<{ urn: string; message: string }> = [];
  for (const release of resources.filter((r) => r.type === T.k8s.release)) {
    const chart = chartName(release.props);
    const values = valuesOf(release.props);
    const controller = chart === "ingress-nginx" ? values.controller : supportCharts.includes(chart) ? get(values, "ingress-nginx.controller") : undefined;
    if (!controller || get(values, "ingress-nginx.enabled") === false) continue;
    const replicas = Number(controller.autoscaling?.enabled ? controller.autoscaling.minReplicas : (controller.replicaCount ?? 1));
    if (!(replicas > 1)) continue;
    const problems: string[] = [];
    // The chart renders its budget whenever it runs more than one replica: minAvailable when truthy (default 1),
    // else maxUnavailable (kubernetes/ingress-nginx charts/ingress-nginx/templates/controller-poddisruptionbudget.yaml
    // at 01c4cd8, read 2026-12-01).
    const minAvailable = Object.prototype.hasOwnProperty.call(controller, "minAvailable") ? controller.minAvailable : 1;
    const budget = budgetProblem(minAvailable ? { minAvailable } : controller.maxUnavailable ? { maxUnavailable: controller.maxUnavailable } : {}, replicas);
    if (budget) problems.push(`its PodDisruptionBudget ${budget}`);
    if (!anyZoneSpread(controller.topologySpreadConstraints)) problems.push(`controller.topologySpreadConstraints do not spread it over ${ZONE_LABEL}`);
    if (problems.length > 0) found.push({ urn: release.urn, message: `the ingress-nginx controller (${replicas} replicas): ${problems.join("; ")}.` });
  }
  return found;
}

/**
 * The AWS cluster autoscaler chart keeps its budget by default (values podDisruptionBudget {maxUnavailable: 1});
 * templates/pdb.yaml renders it whenever the value is set (kubernetes/autoscaler at 011f12d, read 2026-12-01).
 */
function autoscalerProblems(resources: PolicyResource[]): Array<{ urn: string; message: string }> {
  return resources
    .filter((r) => r.type === T.k8s.release && chartName(r.props) === "cluster-autoscaler")
    .flatMap((release) => {
      const values = valuesOf(release.props);
      const replicas = Number(values.replicaCount ?? 1);
      if (!(replicas > 1)) return [];
      const settings = Object.prototype.hasOwnProperty.call(values, "podDisruptionBudget") ? values.podDisruptionBudget : { maxUnavailable: 1 };
      const problem = chartBudget(settings, replicas, { maxUnavailable: 1 });
      return problem ? [{ urn: release.urn, message: `the cluster autoscaler (${replicas} replicas): ${problem}.` }] : [];
    });
}

/** Deployments and StatefulSets declared directly. */
function workloadProblems(resources: PolicyResource[]): Array<{ urn: string; message: string }> {
  return ofTypes(resources, [T.k8s.deployment, T.k8s.statefulSet]).flatMap((w) => {
    const replicas = Number(get(w.props, "spec.replicas") ?? 1);
    if (!(replicas > 1)) return [];
    const labels = (get(w.props, "spec.template.metadata.labels") ?? {}) as Record<string, string>;
    const problem = budgetFor(resources, get(w.props, "metadata.namespace"), labels, replicas);
    return problem ? [{ urn: w.urn, message: `${w.type.split(":").pop()} ${get(w.props, "metadata.name") ?? w.name} (${replicas} replicas): ${problem}.` }] : [];
  });
}

export const disruptionBudgetsRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-require-disruption-budgets",
    description: "Every workload with more than one replica has a disruption budget that lets a drain evict some replicas but never all, and the DALP services and ingress spread over zones.",
    severity: "high",
    enforcementLevel: "advisory",
    source: `${cite("cloudNative", "Application health and placement, item 3")}: "so a single node or zone does not hold every replica"; node pools roll in parallel, and without a budget a drain evicts every replica at once (Kubernetes: Specifying a Disruption Budget; kube-prometheus-stack, ingress-nginx and cluster-autoscaler chart values)`,
    remediationSteps: `DALP services: ${SERVICE_LABEL} in <service>.podLabels, a PodDisruptionBudget (policy/v1) selecting it with maxUnavailable: 1, and <service>.topologySpreadConstraints over ${ZONE_LABEL}. kube-prometheus-stack: prometheus.podDisruptionBudget.enabled and alertmanager.podDisruptionBudget.enabled true. ingress-nginx: controller.minAvailable: 1 and zone topologySpreadConstraints. cluster-autoscaler: keep its podDisruptionBudget. Other Deployments and StatefulSets: a budget selecting their pod labels.`,
    configSchema: { properties: { ...dalpChartsSchema, supportCharts: { type: "array", items: { type: "string" }, default: ["support"] } } },
  },
  (args, report) => {
    const { dalpCharts, supportCharts } = args.getConfig<{ dalpCharts: string[]; supportCharts: string[] }>();
    if (ofTypes(args.resources, [T.k8s.release, T.k8s.deployment, T.k8s.statefulSet]).length === 0) args.notApplicable("no Helm release, Deployment or StatefulSet in the stack");
    const problems = [
      ...dalpServiceProblems(args.resources, dalpCharts),
      ...monitoringProblems(args.resources),
      ...ingressProblems(args.resources, supportCharts),
      ...autoscalerProblems(args.resources),
      ...workloadProblems(args.resources),
    ];
    for (const p of problems) report(p.message, p.urn);
  },
);
