import type { DalpConfig } from "../../config/types";
import { ANTI_AFFINITY_PRESET, DALP_SERVICES } from "../../facts/workloads";
import { mergeValues, Values } from "../shared/helmValues";
import { DALP_APP_LABEL, DALP_SERVICE_ACCOUNT, DALP_SERVICE_LABEL, SUPPORT_RELEASE } from "../shared/labels";
import { nodeSpread, zoneSpread } from "../shared/placement";

/** Names of the Kubernetes Secrets that carry connection details; the charts read them, values never do. */
export const DALP_SECRETS = {
  postgres: "dalp-postgresql",
  cache: "dalp-redis",
  objectStorage: "dalp-object-storage",
} as const;

export type DalpServiceKey = (typeof DALP_SERVICES)[number]["key"];

/** The pod labels a DALP service's budget and spread select on. */
export function serviceSelector(key: DalpServiceKey): Record<string, string> {
  return { [DALP_SERVICE_LABEL]: key };
}

/**
 * Requests and limits of each DALP service. An estimate, not a product figure: the product docs ask for
 * requests and limits (Application health and placement, item 5) but give no numbers. A quarter core and
 * 512 MiB per replica are reserved so a replacement pod fits on a surviving node; the limits leave room for
 * bursts without letting one pod take a node.
 */
const SERVICE_RESOURCES = {
  requests: { cpu: "250m", memory: "512Mi" },
  limits: { cpu: "2", memory: "2Gi" },
} as const;

/**
 * The HA posture of one DALP service: the page's replicas and soft anti-affinity, probes on, requests and
 * limits, the service label on its pods and a zone spread on it. `<service>.pdb.create: false` keeps a
 * budget the chart may render (Bitnami-style key, an assumption) from doubling the stack's own: the eviction
 * API refuses to evict a pod that two budgets select, so two would block every node drain.
 */
function servicePosture(service: (typeof DALP_SERVICES)[number], identityPodLabels: Record<string, string>): Values {
  const selector = serviceSelector(service.key);
  return {
    podLabels: { ...identityPodLabels, ...selector },
    replicaCount: service.minReplicas,
    podAntiAffinityPreset: ANTI_AFFINITY_PRESET.value,
    topologySpreadConstraints: [zoneSpread(selector, { deployment: true })],
    livenessProbe: { enabled: true },
    readinessProbe: { enabled: true },
    resources: structuredClone(SERVICE_RESOURCES),
    pdb: { create: false },
  };
}

/**
 * What DALP does in a region: serves the domain (`running`); runs without the domain's route (`warm`, a standby:
 * its health checks fail, so health-checked DNS cannot send users to it before its database is promoted); or
 * runs nothing (`stopped`, an isolated region).
 */
export type DalpState = "running" | "warm" | "stopped";

/**
 * Values for the `dalp` chart. The HA settings are the product docs' production overlay (cloud-native HA:
 * "Smallest production overlay" and "Application health and placement"), applied to every DALP service of
 * `facts/workloads.ts`: two replicas, soft pod anti-affinity, a zone spread, probes on, requests and limits.
 * Datastores are external, referenced by Secret name. The chart's own backup resources stay off: this stack
 * owns the Velero schedules (see addons/velero). `dalp:charts.values` is merged last.
 */
export function dalpValues(
  config: Pick<DalpConfig, "charts">,
  pullSecret: string | undefined,
  podLabels: Record<string, string> = {},
  state: DalpState = "running",
): Values {
  const services = Object.fromEntries(DALP_SERVICES.map((s) => [s.key, servicePosture(s, podLabels)]));
  // An isolated region keeps its releases, so returning it is a scale-up and not a reinstall; no pod runs
  // against a database that is no longer the primary (hot-warm, Manual failover sequence, step 8).
  if (state === "stopped") for (const posture of Object.values(services)) posture.replicaCount = 0;
  const generated: Values = {
    global: {
      labels: { ...DALP_APP_LABEL },
      // Labels the cloud's workload identity needs on every pod (Azure: azure.workload.identity/use).
      podLabels: { ...podLabels },
      imagePullSecrets: pullSecret ? [{ name: pullSecret }] : [],
      datastores: {
        default: {
          postgresql: { existingSecret: DALP_SECRETS.postgres, sslMode: "require" },
          redis: { existingSecret: DALP_SECRETS.cache, tls: true },
        },
      },
      objectStorage: { existingSecret: DALP_SECRETS.objectStorage },
    },
    ...services,
    dapp: { ...services.dapp, ingress: { enabled: state === "running", hostname: config.charts.domain, tls: true } },
    serviceAccount: { create: false, name: DALP_SERVICE_ACCOUNT },
    backup: { enabled: false },
  };
  const merged = mergeValues(generated, config.charts.values);
  // The operator's values may raise replicas; isolation wins over them. Why a region's replicas are zero is
  // its stamp's record (`workloads: isolated`), which the policy pack reads.
  if (state === "stopped") for (const s of DALP_SERVICES) (merged[s.key] as Values).replicaCount = 0;
  // Nor may the operator's values route the domain to a region that must not receive users.
  if (state !== "running") merged.dapp = { ...(merged.dapp as Values), ingress: { ...((merged.dapp as Values).ingress as Values), enabled: false } };
  return merged;
}

/** How many replicas a DALP service runs with these values: its `replicaCount`, or the chart's default. */
export function serviceReplicas(values: Values, service: (typeof DALP_SERVICES)[number]): number {
  const replicas = (values[service.key] as Values | undefined)?.replicaCount;
  return replicas === undefined ? service.minReplicas : Number(replicas);
}

/** The DALP services that run more than one replica with these values, and so get a disruption budget. */
export function budgetedServices(values: Values): (typeof DALP_SERVICES)[number][] {
  return DALP_SERVICES.filter((service) => serviceReplicas(values, service) > 1);
}

/** The name of a DALP service's disruption budget. */
export function budgetName(key: DalpServiceKey): string {
  return `dalp-${key}`;
}

/**
 * The ingress-nginx controller's pods as the upstream chart labels them (`ingress-nginx.selectorLabels` plus
 * the component). The release label is the support release's, since a subchart shares its parent's release.
 * The chart's name label is left out: the support chart may override the subchart's name.
 */
const INGRESS_CONTROLLER_PODS = { "app.kubernetes.io/instance": SUPPORT_RELEASE, "app.kubernetes.io/component": "controller" } as const;

/**
 * Values for the `support` chart: its bundled PostgreSQL, Redis and RustFS are off because managed services
 * replace them (product docs, cloud-native HA: "disable the bundled services in the same values file").
 * The ingress controller runs two replicas behind a load balancer that spans the region's zones, spread over
 * zones and nodes; with `minAvailable: 1` the upstream chart renders a PodDisruptionBudget (ingress-nginx
 * chart: `controller-poddisruptionbudget.yaml`, rendered when `replicaCount > 1`).
 */
export function supportValues(config: Pick<DalpConfig, "charts">, service: { annotations: Record<string, string> } & Record<string, unknown>): Values {
  const generated: Values = {
    postgresql: { enabled: false },
    redis: { enabled: false },
    rustfs: { enabled: false },
    "ingress-nginx": {
      controller: {
        replicaCount: 2,
        minAvailable: 1,
        unhealthyPodEvictionPolicy: "AlwaysAllow",
        topologySpreadConstraints: [zoneSpread(INGRESS_CONTROLLER_PODS, { deployment: true }), nodeSpread(INGRESS_CONTROLLER_PODS, { deployment: true })],
        service,
      },
    },
  };
  return mergeValues(generated, config.charts.supportValues);
}
