import type { DalpConfig } from "../../config/types";
import { mergeValues, Values } from "../shared/helmValues";
import { DALP_APP_LABEL, DALP_SERVICE_ACCOUNT } from "../shared/labels";

/** Names of the Kubernetes Secrets that carry connection details; the charts read them, values never do. */
export const DALP_SECRETS = {
  postgres: "dalp-postgresql",
  cache: "dalp-redis",
  objectStorage: "dalp-object-storage",
} as const;

/**
 * Values for the `dalp` chart. The HA settings are the product docs' production overlay (cloud-native HA:
 * "Smallest production overlay" and "Application health and placement"): two dApp replicas, soft pod
 * anti-affinity, probes on, requests and limits set. Datastores are external, referenced by Secret name.
 * The chart's own backup resources stay off: this stack owns the one Velero schedule (see addons/velero).
 * `dalp:charts.values` is merged last.
 */
export function dalpValues(config: Pick<DalpConfig, "charts">, pullSecret: string | undefined, podLabels: Record<string, string> = {}): Values {
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
    dapp: {
      podLabels: { ...podLabels },
      replicaCount: 2,
      podAntiAffinityPreset: "soft",
      livenessProbe: { enabled: true },
      readinessProbe: { enabled: true },
      resources: {
        requests: { cpu: "250m", memory: "512Mi" },
        limits: { cpu: "2", memory: "2Gi" },
      },
      ingress: { enabled: true, hostname: config.charts.domain, tls: true },
    },
    serviceAccount: { create: false, name: DALP_SERVICE_ACCOUNT },
    backup: { enabled: false },
  };
  return mergeValues(generated, config.charts.values);
}

/**
 * Values for the `support` chart: its bundled PostgreSQL, Redis and RustFS are off because managed services
 * replace them (product docs, cloud-native HA: "disable the bundled services in the same values file").
 * The ingress controller runs two replicas behind a load balancer that spans the region's zones.
 */
export function supportValues(config: Pick<DalpConfig, "charts">, ingressServiceAnnotations: Record<string, string>): Values {
  const generated: Values = {
    postgresql: { enabled: false },
    redis: { enabled: false },
    rustfs: { enabled: false },
    "ingress-nginx": {
      controller: {
        replicaCount: 2,
        service: { annotations: ingressServiceAnnotations },
      },
    },
  };
  return mergeValues(generated, config.charts.supportValues);
}
