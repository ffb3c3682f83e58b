import { credentialPaths } from "../../facts/credentials";
import { chartName, valuesOf } from "./helm";
import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, resourceRule, RuleMeta, stackRule } from "./kit";
import { MANAGED_CACHE, MANAGED_POSTGRES, T } from "./types";

const PLACEMENT = "Cloud-native HA, Application health and placement";
const OVERLAY = "Cloud-native HA, Smallest production overlay";

/** The DALP chart names this pack recognises (configurable per rule). */
const chartsSchema = { dalpCharts: { type: "array", items: { type: "string" }, default: ["dalp"] } } as const;

/** The dApp values of a DALP release: under `dapp` (the dalp chart) or `dalp.dapp` (wrapper charts). */
function dappValues(props: Record<string, any>): Record<string, any> | undefined {
  const values = valuesOf(props);
  return (values.dapp ?? get(values, "dalp.dapp")) as Record<string, any> | undefined;
}

const dalpRelease = (props: Record<string, any>, charts: string[]) => charts.includes(chartName(props));

/**
 * A rule on the dApp values of DALP releases: other resources are not applicable, and the check sees the
 * `dapp` values (empty when the release sets none, meaning the chart defaults).
 */
function dappRule(meta: RuleMeta, check: (dapp: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void): DalpPolicy {
  const properties = { ...chartsSchema, ...(meta.configSchema?.properties ?? {}) };
  return resourceRule({ ...meta, configSchema: { properties } }, [T.k8s.release], (props, args, report) => {
    const { dalpCharts } = args.getConfig<{ dalpCharts: string[] }>();
    if (!dalpRelease(props, dalpCharts)) args.notApplicable("not a DALP release");
    check(dappValues(props) ?? {}, args, report);
  });
}

export const dalpValueRules: DalpPolicy[] = [
  dappRule(
    {
      name: "dalp-app-require-replicas",
      description: "The dApp runs at least the configured number of replicas.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 1: "Keep at least two dApp replicas"`,
      remediationSteps: "Set dapp.replicaCount to 2 or more in the dalp chart values.",
      configSchema: { properties: { minReplicas: { type: "integer", minimum: 1, default: 2 } } },
    },
    (dapp, args, report) => {
      const { minReplicas } = args.getConfig<{ minReplicas: number }>();
      const replicas = dapp.replicaCount;
      // Unset means the chart default, which the product docs give as two.
      if (replicas !== undefined && Number(replicas) < minReplicas) report(`dapp.replicaCount is ${replicas}; at least ${minReplicas} are required.`);
    },
  ),

  dappRule(
    {
      name: "dalp-app-set-anti-affinity",
      description: "The dApp replicas prefer different nodes through a pod anti-affinity preset or rule.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 3; ${OVERLAY}`,
      remediationSteps: "Set dapp.podAntiAffinityPreset: soft (or hard), or give dapp.affinity a podAntiAffinity rule.",
    },
    (dapp, _args, report) => {
      const preset = dapp.podAntiAffinityPreset;
      if (preset !== undefined && !["soft", "hard"].includes(preset) && get(dapp, "affinity.podAntiAffinity") === undefined) {
        report(`dapp.podAntiAffinityPreset is ${JSON.stringify(preset)} and no podAntiAffinity rule is set.`);
      }
    },
  ),

  dappRule(
    {
      name: "dalp-app-enable-probes",
      description: "The dApp's liveness and readiness probes stay on.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 4`,
      remediationSteps: "Remove livenessProbe.enabled: false / readinessProbe.enabled: false from the dapp values.",
    },
    (dapp, _args, report) => {
      for (const probe of ["livenessProbe", "readinessProbe"]) if (get(dapp, `${probe}.enabled`) === false) report(`dapp.${probe}.enabled is false.`);
    },
  ),

  dappRule(
    {
      name: "dalp-app-set-resources",
      description: "The dApp declares CPU and memory requests and a memory limit.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}, item 5: requests and limits so replacement pods can be scheduled during a node or zone incident`,
      remediationSteps: "Set dapp.resources.requests.cpu, dapp.resources.requests.memory and dapp.resources.limits.memory.",
    },
    (dapp, _args, report) => {
      const resources = dapp.resources ?? {};
      const missing = ["requests.cpu", "requests.memory", "limits.memory"].filter((p) => get(resources, p) === undefined);
      if (missing.length > 0) report(`dapp.resources does not set ${missing.join(", ")}.`);
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
      const managed = ofTypes(args.resources, [...MANAGED_POSTGRES, ...MANAGED_CACHE, T.k8s.cnpgCluster]);
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
