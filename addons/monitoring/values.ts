import * as pulumi from "@pulumi/pulumi";
import type { BucketsPort, CachePort, PostgresPort, ScrapeTargets } from "../../ports/adapter";
import { DALP_SECRETS } from "../dalp/values";
import { mergeValues } from "../shared/helmValues";
import { PROMETHEUS_STACK_RELEASE } from "../shared/labels";
import { NODE_TOPOLOGY_KEY, zoneSpread } from "../shared/placement";
import { BACKUP_LOCATION_RESOURCE } from "./backupLocationMetric";
import { ACTIVE_REGION_PROBE, bucketModule, bucketModuleName, bucketProbeTargets, ENDPOINT_PROBE, type ActiveRegionProbe } from "./probes";
import { scrapeTargetValues } from "./scrapeTargets";

/**
 * The pods the operator creates for the chart's Prometheus and Alertmanager, with the labels the chart's own
 * PodDisruptionBudgets select on (kube-prometheus-stack `templates/prometheus/podDisruptionBudget.yaml` and
 * `templates/alertmanager/podDisruptionBudget.yaml`; the resources are named `<fullname>-prometheus` and
 * `<fullname>-alertmanager`, the fullname being the release name, which contains the chart name). The chart
 * copies `topologySpreadConstraints` into the custom resources unrendered, so the names are written out.
 */
export const PROMETHEUS_PODS = { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": `${PROMETHEUS_STACK_RELEASE}-prometheus` } as const;
export const ALERTMANAGER_PODS = { "app.kubernetes.io/name": "alertmanager", alertmanager: `${PROMETHEUS_STACK_RELEASE}-alertmanager` } as const;

/**
 * Requests and limits of Prometheus and Alertmanager. The chart sets none (`prometheusSpec.resources: {}`,
 * `alertmanagerSpec.resources: {}`, kube-prometheus-stack-88.5.3 values.yaml), which makes both BestEffort:
 * the scheduler places them on any node however full, the cluster autoscaler never adds a node for them
 * (a pod that requests nothing always fits), and the kubelet evicts them first under memory pressure, the
 * alerting stack going down with the node it was meant to watch. An estimate, not a measured figure:
 * Prometheus holds its head block of a few hundred thousand series (this stack's scrape targets on a
 * cluster of up to nine nodes) in 1 to 2 GiB; 1 GiB is reserved and 4 GiB allowed, so the replay of the
 * write-ahead log after a restart, which needs more than steady state, is not killed at the limit. No CPU
 * limit, so rule evaluation and compaction are never throttled. Alertmanager keeps only alerts and silences.
 */
const PROMETHEUS_RESOURCES = { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "4Gi" } } as const;
const ALERTMANAGER_RESOURCES = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } } as const;

export interface PrometheusStackOptions {
  /** Secret holding Alertmanager's `alertmanager.yaml`; the chart's null receiver when absent. */
  alertmanagerConfigSecret?: string;
  /** StorageClass of Prometheus' volumes. */
  storageClass?: string;
  /** What the cluster lets a Prometheus inside it scrape. */
  scrapeTargets: ScrapeTargets;
}

/**
 * kube-prometheus-stack: Prometheus and Alertmanager with two replicas each, a disruption budget each (the
 * chart's, `minAvailable: 1`, unhealthy pods always evictable), spread over zones and preferably over nodes,
 * picking up rules and monitors from every namespace; scrapes limited to what the cluster exposes; and
 * kube-state-metrics extended with the Velero BackupStorageLocation phase, which is how access to the backup
 * bucket is observed (Velero re-validates the location every minute).
 *
 * Keys checked against the chart's values.yaml (prometheus-community/helm-charts, tags
 * kube-prometheus-stack-70.0.0 to -88.5.3, read 2026-11-22; the pinned 92.1.0 is newer than the snapshot).
 */
export function prometheusStackValues(options: PrometheusStackOptions): Record<string, unknown> {
  const { alertmanagerConfigSecret, storageClass } = options;
  const generated = {
    grafana: { enabled: false },
    prometheus: {
      podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" },
      prometheusSpec: {
        replicas: 2,
        podAntiAffinity: "soft",
        podAntiAffinityTopologyKey: NODE_TOPOLOGY_KEY,
        topologySpreadConstraints: [zoneSpread(PROMETHEUS_PODS)],
        resources: structuredClone(PROMETHEUS_RESOURCES),
        retention: "15d",
        // A full volume stops Prometheus, and every alert with it. Prometheus deletes its oldest blocks once
        // the TSDB (WAL included) passes this size: 80% of the 50 GiB claim ("GB" is 2^30 bytes in
        // Prometheus; prometheus.io/docs/prometheus/latest/storage, Operational aspects).
        retentionSize: "40GB",
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        storageSpec: {
          volumeClaimTemplate: {
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } }, ...(storageClass ? { storageClassName: storageClass } : {}) },
          },
        },
      },
    },
    alertmanager: {
      podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" },
      alertmanagerSpec: {
        replicas: 2,
        podAntiAffinity: "soft",
        podAntiAffinityTopologyKey: NODE_TOPOLOGY_KEY,
        topologySpreadConstraints: [zoneSpread(ALERTMANAGER_PODS)],
        resources: structuredClone(ALERTMANAGER_RESOURCES),
        ...(alertmanagerConfigSecret ? { useExistingSecret: true, configSecret: alertmanagerConfigSecret } : {}),
      },
    },
    "kube-state-metrics": {
      rbac: { extraRules: [{ apiGroups: ["velero.io"], resources: ["backupstoragelocations"], verbs: ["list", "watch"] }] },
      customResourceState: {
        enabled: true,
        config: {
          spec: {
            resources: [BACKUP_LOCATION_RESOURCE],
          },
        },
      },
    },
  };
  return mergeValues(generated, scrapeTargetValues(options.scrapeTargets));
}

/** postgres_exporter against the managed database, with the password read from the DALP Secret. */
export function postgresExporterValues(pg: PostgresPort): Record<string, pulumi.Input<unknown>> {
  return {
    serviceMonitor: { enabled: true },
    config: {
      datasource: {
        host: pg.host,
        port: pg.port.apply(String),
        database: pg.database,
        user: pg.username,
        passwordSecret: { name: DALP_SECRETS.postgres, key: "password" },
        sslmode: pg.sslMode,
      },
      // The postmaster start time reveals restarts and failovers; its collector is off by default.
      extraArgs: ["--collector.postmaster"],
    },
  };
}

/** redis_exporter against the managed cache over TLS, with the AUTH token read from the DALP Secret. */
export function redisExporterValues(cache: CachePort): Record<string, pulumi.Input<unknown>> {
  return {
    serviceMonitor: { enabled: true },
    redisAddress: pulumi.interpolate`${cache.tls ? "rediss" : "redis"}://${cache.host}:${cache.port}`,
    auth: { enabled: true, secret: { name: DALP_SECRETS.cache, key: "password" } },
    // A cache whose certificate is signed by its own CA (Memorystore) is verified against that CA.
    ...(cache.caCertificate ? { redisTlsConfig: { enabled: true, caCertFile: { secret: { name: DALP_SECRETS.cache, key: "ca.crt" } } } } : {}),
  };
}

/**
 * blackbox_exporter probing the public DALP endpoint (availability and certificate expiry) and each
 * application bucket (object-storage access), each with the module that accepts its healthy answer.
 */
export function blackboxExporterValues(domain: string, buckets: BucketsPort, activeRegion?: ActiveRegionProbe): Record<string, pulumi.Input<unknown>> {
  const http = { valid_http_versions: ["HTTP/1.1", "HTTP/2.0"], follow_redirects: true, preferred_ip_protocol: "ip4" };
  const targets = [{ name: ENDPOINT_PROBE.target, url: `https://${domain}/`, module: ENDPOINT_PROBE.module }, ...bucketProbeTargets(buckets)];
  return {
    config: {
      modules: {
        [ENDPOINT_PROBE.module]: { prober: "http", timeout: "5s", http },
        [bucketModuleName(buckets.provider)]: bucketModule(buckets.app.probe),
        ...(activeRegion ? { [ACTIVE_REGION_PROBE.module]: { prober: "http", timeout: "5s", http: { ...http, headers: { Host: domain }, tls_config: { server_name: domain } } } } : {}),
      },
    },
    serviceMonitor: {
      enabled: true,
      defaults: { interval: "30s", scrapeTimeout: "30s", module: ENDPOINT_PROBE.module },
      targets: activeRegion
        ? pulumi.output(activeRegion.addresses).apply((addresses) => [
            ...targets,
            ...addresses.map((address, i) => ({ name: `${ACTIVE_REGION_PROBE.targetPrefix}${i}`, url: `https://${address}${activeRegion.path}`, module: ACTIVE_REGION_PROBE.module })),
          ])
        : targets,
    },
  };
}
