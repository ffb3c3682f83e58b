import * as pulumi from "@pulumi/pulumi";
import { backupSchedules } from "../addons/velero/schedule";
import { alertRules } from "../addons/monitoring/alertRules";
import type { DalpConfig } from "../config/types";
import type { Topology } from "../topology/types";
import { RECOVERY_OBJECTIVES } from "../facts/recovery";
import type { BuiltStamp } from "./stamp";

/**
 * What an operator reads after `pulumi up`: where DALP answers, how to reach each cluster, the recovery
 * targets of the pattern, and which resources hold the data, by region.
 */
export function stackOutputs(config: DalpConfig, topology: Topology, stamps: BuiltStamp[]): Record<string, unknown> {
  const primary = stamps.find((s) => s.stamp.region === topology.primaryRegion) ?? stamps[0];
  return {
    pattern: config.pattern,
    cloud: config.cloud,
    primaryRegion: topology.primaryRegion,
    endpoints: {
      dapp: `https://${config.charts.domain}`,
    },
    kubeconfig: primary.cluster.kubeconfig,
    kubeconfigs: Object.fromEntries(stamps.map((s) => [s.stamp.region, s.cluster.kubeconfig])),
    recoveryObjectives: RECOVERY_OBJECTIVES[config.pattern],
    regions: Object.fromEntries(
      stamps.map((s) => [
        s.stamp.region,
        {
          role: s.stamp.role,
          zones: s.zones,
          cluster: s.cluster.name,
          postgres: { identifier: s.postgres.identifier, host: s.postgres.host, port: s.postgres.port, database: s.postgres.database },
          cache: { identifier: s.cache.identifier, host: s.cache.host, port: s.cache.port, tls: s.cache.tls },
          buckets: { app: s.buckets.app.name, backup: s.buckets.backup.name },
          namespace: s.application.namespace.metadata.name,
        },
      ]),
    ),
    resourceSummary: {
      stamps: topology.stamps.map((s) => ({ region: s.region, role: s.role, cluster: s.cluster, database: s.database.kind })),
      links: topology.links.map((l) => l.kind),
      backup: config.backup.enabled
        ? Object.fromEntries(Object.entries(backupSchedules(config)).map(([name, s]) => [name, { cron: s.schedule, ttl: s.template.ttl }]))
        : "disabled",
      alertRules: config.alerts.enabled ? alertRules(config).map((r) => r.alert) : [],
      postgresBackupRetentionDays: config.postgres.backupRetentionDays,
      objectVersionRetentionDays: config.objectStorage.noncurrentVersionRetentionDays,
    },
  } satisfies Record<string, pulumi.Input<unknown>>;
}
