import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { credentialPaths } from "../../facts/credentials";
import { chartName, valuesOf } from "./helm";
import { DalpPolicy, get, ofTypes, resourceRule, RuleMeta, stackRule } from "./kit";
import { viewOf } from "../view";
import { MANAGED_CACHE, T } from "./types";
import { chartDefault, DALP_SERVICES, dalpChartsSchema, type DalpService, serviceValues } from "./workloads";

const PLACEMENT = "Cloud-native HA, Application health and placement";
const OVERLAY = "Cloud-native HA, Smallest production overlay";
const REPLICA_POSTURE = "Cloud-native HA, Production readiness checks: Replica posture";
const SERVICES = DALP_SERVICES.map((s) => s.key).join(", ");

/**
 * A rule on the values of every DALP service (facts/workloads.ts) of DALP releases: other resources are not
 * applicable, and the check runs once per service with its values (empty when the release sets none, meaning
 * the chart's defaults).
 */
function serviceRule(meta: RuleMeta, check: (service: DalpService, values: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void): DalpPolicy {
  const properties = { ...dalpChartsSchema, ...(meta.configSchema?.properties ?? {}) };
  return resourceRule({ ...meta, configSchema: { properties } }, [T.k8s.release], (props, args, report) => {
    const { dalpCharts } = args.getConfig<{ dalpCharts: string[] }>();
    if (!dalpCharts.includes(chartName(props))) args.notApplicable("not a DALP release");
    for (const service of DALP_SERVICES) check(service, serviceValues(props, service.key) ?? {}, args, report);
  });
}

export const dalpValueRules: DalpPolicy[] = [
  // A stack rule, because whether a release should run replicas is the region's part in the pattern, which
  // only the graph knows: a region a failover isolated runs its DALP at zero on purpose.
  stackRule(
    {
      name: "dalp-app-require-replicas",
      description: `Each DALP service (${SERVICES}) runs at least the replicas the product docs ask of it, and at least the configured number, in every region that is not isolated after a failover.`,
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 1: "Keep at least two dApp replicas"; ${REPLICA_POSTURE}: application services that should survive pod or node loss have more than one replica; Hot-warm active-standby, Manual failover sequence, step 8 (isolate the former region)`,
      remediationSteps: `Set <service>.replicaCount to 2 or more in the dalp chart values, for each of ${SERVICES}.`,
      configSchema: { properties: { ...dalpChartsSchema, minReplicas: { type: "integer", minimum: 1, default: Math.min(...DALP_SERVICES.map((s) => s.minReplicas)) } } },
    },
    (args, report) => {
      const { dalpCharts, minReplicas } = args.getConfig<{ dalpCharts: string[]; minReplicas: number }>();
      const view = viewOf(args.resources);
      const releases = ofTypes(args.resources, [T.k8s.release]).filter((r) => dalpCharts.includes(chartName(r.props)));
      if (releases.length === 0) args.notApplicable("no DALP release");
      const running = releases.filter((r) => view.stampOf(r.urn)?.workloads !== "isolated");
      if (running.length === 0) args.notApplicable("every DALP release is in a region isolated after a failover, scaled to zero on purpose");
      for (const r of running) {
        for (const service of DALP_SERVICES) {
          const values = serviceValues(r.props, service.key) ?? {};
          const required = Math.max(minReplicas, service.minReplicas);
          const replicas = values.replicaCount ?? chartDefault(service, "replicaCount");
          if (replicas === undefined) report(`${service.key}.replicaCount is not set, and the product docs give no chart default for ${service.what}; set it to ${required} or more.`, r.urn);
          else if (Number(replicas) < required) report(`${service.key}.replicaCount is ${replicas}; at least ${required} are required.`, r.urn);
        }
      }
    },
  ),

  serviceRule(
    {
      name: "dalp-app-set-anti-affinity",
      description: `Each DALP service's replicas (${SERVICES}) prefer different nodes, through a pod anti-affinity preset or rule or a topology spread.`,
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 3; ${OVERLAY}`,
      remediationSteps: "Set <service>.podAntiAffinityPreset: soft (or hard), or give <service>.affinity a podAntiAffinity rule or <service>.topologySpreadConstraints.",
    },
    (service, values, _args, report) => {
      const preset = values.podAntiAffinityPreset ?? chartDefault(service, "podAntiAffinityPreset");
      if (["soft", "hard"].includes(preset) || get(values, "affinity.podAntiAffinity") !== undefined || ((values.topologySpreadConstraints as unknown[] | undefined) ?? []).length > 0) return;
      const given = preset === undefined ? "is not set, and the product docs give no chart default for it," : `is ${JSON.stringify(preset)}`;
      report(`${service.key}.podAntiAffinityPreset ${given} and no podAntiAffinity rule or topology spread is set.`);
    },
  ),

  serviceRule(
    {
      name: "dalp-app-enable-probes",
      description: `Each DALP service's liveness and readiness probes (${SERVICES}) stay on.`,
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 4`,
      remediationSteps: "Remove livenessProbe.enabled: false / readinessProbe.enabled: false from the service's values.",
    },
    (service, values, _args, report) => {
      for (const probe of ["livenessProbe", "readinessProbe"]) if (get(values, `${probe}.enabled`) === false) report(`${service.key}.${probe}.enabled is false.`);
    },
  ),

  serviceRule(
    {
      name: "dalp-app-set-resources",
      description: `Each DALP service (${SERVICES}) declares CPU and memory requests and a memory limit.`,
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 5: requests and limits so replacement pods can be scheduled during a node or zone incident`,
      remediationSteps: "Set <service>.resources.requests.cpu, <service>.resources.requests.memory and <service>.resources.limits.memory.",
    },
    (service, values, _args, report) => {
      const resources = values.resources ?? {};
      const missing = ["requests.cpu", "requests.memory", "limits.memory"].filter((p) => get(resources, p) === undefined);
      if (missing.length > 0) report(`${service.key}.resources does not set ${missing.join(", ")}.`);
    },
  ),

  stackRule(
    {
      name: "dalp-app-disable-bundled-datastores",
      description: "When managed data services are used, the support chart's bundled PostgreSQL, Redis and RustFS are off.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: `${OVERLAY}: disable the bundled services in the same values file`,
      remediationSteps: "In the support chart values set postgresql.enabled, redis.enabled and rustfs.enabled to false.",
      configSchema: { properties: { supportCharts: { type: "array", items: { type: "string" }, default: ["support"] } } },
    },
    (args, report) => {
      const { supportCharts } = args.getConfig<{ supportCharts: string[] }>();
      const managed = [...viewOf(args.resources).databases, ...ofTypes(args.resources, MANAGED_CACHE)];
      const supports = args.resources.filter((r) => r.type === T.k8s.release && supportCharts.includes(chartName(r.props)));
      if (managed.length === 0 || supports.length === 0) args.notApplicable("no managed data service, or no support chart, in the stack");
      for (const release of supports) {
        const values = valuesOf(release.props);
        // Values may sit at the root (support chart) or under `support` (wrapper charts).
        const on = ["postgresql", "redis", "rustfs"].filter((s) => (get(values, `${s}.enabled`) ?? get(values, `support.${s}.enabled`)) !== false);
        if (on.length > 0) report(`the support chart still runs its bundled ${on.join(", ")} next to managed services.`, release.urn);
      }
    },
  ),

  resourceRule(
    {
      name: "dalp-app-deny-plaintext-credentials",
      description: "DALP chart values hold no credentials; they reference Kubernetes Secrets instead.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: `${OVERLAY}: "The example shows the availability boundary without exposing credentials"; Data services: "connection settings or an existing secret"`,
      remediationSteps: "Move the value into a Kubernetes Secret and reference it (existingSecret) from the chart values.",
      configSchema: { properties: { charts: { type: "array", items: { type: "string" }, default: ["dalp", "support"] } } },
    },
    [T.k8s.release],
    (props, args, report) => {
      const { charts } = args.getConfig<{ charts: string[] }>();
      if (!charts.includes(chartName(props))) args.notApplicable("not a DALP release");
      const found = credentialPaths(valuesOf(props)).map((p) => p.join("."));
      if (found.length > 0) report(`plain-text credentials in values: ${found.join(", ")}.`);
    },
  ),
];
