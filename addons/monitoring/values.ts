import * as pulumi from "@pulumi/pulumi";
import type { CachePort, PostgresPort } from "../../ports/adapter";
import { DALP_SECRETS } from "../dalp/values";

/**
 * kube-prometheus-stack: Prometheus and Alertmanager with two replicas each, picking up rules and monitors
 * from every namespace, and kube-state-metrics extended with the Velero BackupStorageLocation phase, which
 * is how object-storage access is observed (Velero re-validates the location every minute).
 */
export function prometheusStackValues(alertmanagerConfigSecret?: string, storageClass?: string): Record<string, unknown> {
  return {
    grafana: { enabled: false },
    prometheus: {
      prometheusSpec: {
        replicas: 2,
        podAntiAffinity: "soft",
        podAntiAffinityTopologyKey: "topology.kubernetes.io/zone",
        retention: "15d",
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
      alertmanagerSpec: {
        replicas: 2,
        podAntiAffinity: "soft",
        podAntiAffinityTopologyKey: "topology.kubernetes.io/zone",
        ...(alertmanagerConfigSecret ? { useExistingSecret: true, configSecret: alertmanagerConfigSecret } : {}),
      },
    },
    "kube-state-metrics": {
      rbac: { extraRules: [{ apiGroups: ["velero.io"], resources: ["backupstoragelocations"], verbs: ["list", "watch"] }] },
      customResourceState: {
        enabled: true,
        config: {
          spec: {
            resources: [
              {
                groupVersionKind: { group: "velero.io", version: "v1", kind: "BackupStorageLocation" },
                metricNamePrefix: "velero_backup_storage_location",
                labelsFromPath: { name: ["metadata", "name"], namespace: ["metadata", "namespace"] },
                metrics: [
                  {
                    name: "phase",
                    help: "Phase of the Velero BackupStorageLocation, set by its periodic access check",
                    each: { type: "StateSet", stateSet: { labelName: "phase", path: ["status", "phase"], list: ["Available", "Unavailable"] } },
                  },
                ],
              },
            ],
          },
        },
      },
    },
  };
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

/** blackbox_exporter probing the public DALP endpoint: availability and certificate expiry. */
export function blackboxExporterValues(domain: string): Record<string, unknown> {
  return {
    config: {
      modules: {
        http_2xx: {
          prober: "http",
          timeout: "5s",
          http: { valid_http_versions: ["HTTP/1.1", "HTTP/2.0"], follow_redirects: true, preferred_ip_protocol: "ip4" },
        },
      },
    },
    serviceMonitor: {
      enabled: true,
      defaults: { interval: "30s", scrapeTimeout: "30s", module: "http_2xx" },
      targets: [{ name: "dalp-dapp", url: `https://${domain}/`, module: "http_2xx" }],
    },
  };
}
