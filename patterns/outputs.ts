import * as pulumi from "@pulumi/pulumi";
import { BACKUP_TIERS } from "../facts/backups";
import { backupSchedules, scheduleName, scheduleResourceName } from "../addons/velero/schedule";
import type { DalpConfig } from "../config/types";
import type { Topology } from "../topology/types";
import { RECOVERY_OBJECTIVES } from "../facts/recovery";
import type { TrafficPort } from "../ports/links";
import { runbookOutput } from "../runbook/output";
import type { BuiltStamp } from "./stamp";
import type { VaultStamp } from "./vault";

/**
 * The Velero Schedules of the stack by the name the cluster knows them by (`velero backup create
 * --from-schedule <name>`), with what each backs up, when, and for how long.
 */
function backupSummary(config: DalpConfig) {
  const schedules = backupSchedules(config);
  return Object.fromEntries(
    BACKUP_TIERS.filter((t) => scheduleName(t.tier) in schedules).map((t) => {
      const s = schedules[scheduleName(t.tier)];
      return [scheduleResourceName(t.tier), { surface: t.surface, cron: s.schedule, ttl: s.template.ttl }];
    }),
  );
}

/**
 * What an operator reads after `pulumi up`: where DALP answers, how to reach each cluster, the recovery
 * targets of the pattern, and which resources hold the data, by region. Nothing here is a credential; the
 * kubeconfigs, which are, stay secret outputs.
 */
export function stackOutputs(config: DalpConfig, topology: Topology, all: Array<BuiltStamp | VaultStamp>, traffic?: TrafficPort): Record<string, unknown> {
  const stamps = all.filter((s): s is BuiltStamp => s.kind === "full");
  const vaults = all.filter((s): s is VaultStamp => s.kind === "vault");
  const primary = stamps.find((s) => s.stamp.region === topology.primaryRegion) ?? stamps[0];
  return {
    pattern: config.pattern,
    cloud: config.cloud,
    primaryRegion: topology.primaryRegion,
    endpoints: {
      dapp: `https://${config.charts.domain}`,
    },
    ...(traffic ? { traffic: { hostname: traffic.hostname, routing: traffic.routing, healthChecks: traffic.healthChecks, ttlSeconds: config.traffic.ttlSeconds } } : {}),
    kubeconfig: primary.cluster.kubeconfig,
    kubeconfigs: Object.fromEntries(stamps.map((s) => [s.stamp.region, s.cluster.kubeconfig])),
    recoveryObjectives: RECOVERY_OBJECTIVES[config.pattern],
    ...(config.recoveryTargets ? { recoveryTargets: config.recoveryTargets } : {}),
    regions: Object.fromEntries<unknown>([
      ...stamps.map((s) => [
        s.stamp.region,
        {
          role: s.stamp.role,
          workloads: s.stamp.workloads,
          validators: s.stamp.validators,
          database: s.stamp.database,
          ingressAddresses: s.ingress.addresses,
          zones: s.zones,
          cluster: s.cluster.name,
          postgres: { identifier: s.postgres.identifier, host: s.postgres.host, port: s.postgres.port, database: s.postgres.database },
          cache: { identifier: s.cache.identifier, host: s.cache.host, port: s.cache.port, tls: s.cache.tls },
          buckets: { app: s.buckets.app.name, backup: s.buckets.backup.name },
          namespace: s.application.namespace.metadata.name,
          alertRules: s.alertRules,
        },
      ] as const),
      // A region that holds only copies: what it keeps, and no cluster.
      ...vaults.map((v) => [
        v.stamp.region,
        { role: v.stamp.role, workloads: v.stamp.workloads, validators: v.stamp.validators, database: v.stamp.database, buckets: { app: v.handles.buckets.app.name, backup: v.handles.buckets.backup.name } },
      ] as const),
    ]),
    runbook: runbookOutput(config, topology, {
      project: config.project,
      stack: config.stack,
      regions: Object.fromEntries(
        stamps.map((s) => [
          s.stamp.region,
          {
            cluster: s.cluster.name,
            namespace: s.application.namespace.metadata.name,
            postgres: { identifier: s.postgres.identifier, host: s.postgres.host },
            buckets: { app: s.buckets.app.name, backup: s.buckets.backup.name },
            ingressAddresses: s.ingress.addresses,
            alertRules: s.alertRules,
            ...(config.validators && s.stamp.validators !== "none" ? { validatorsNamespace: config.validators.namespace } : {}),
          },
        ]),
      ),
      ...(traffic ? { traffic: { hostname: traffic.hostname, routing: traffic.routing, healthChecks: traffic.healthChecks } } : {}),
    }),
    // Which drill runs and where, for the operator and `dalp-ha drill-record`.
    drill: drillOutput(config, stamps),
    resourceSummary: {
      stamps: topology.stamps.map((s) => ({ region: s.region, role: s.role, cluster: s.cluster, database: s.database.kind })),
      links: topology.links.map((l) => l.kind),
      backup: config.backup.enabled ? backupSummary(config) : "disabled",
      postgresBackupRetentionDays: config.postgres.backupRetentionDays,
      objectVersionRetentionDays: config.objectStorage.noncurrentVersionRetentionDays,
    },
  } satisfies Record<string, pulumi.Input<unknown>>;
}

function drillOutput(config: DalpConfig, stamps: BuiltStamp[]) {
  const running = stamps.find((s) => s.drill)?.drill;
  const lastRun = config.drill.lastRun ? { lastRun: config.drill.lastRun } : {};
  if (!running) return { running: false, ...lastRun };
  return {
    running: true,
    region: running.region,
    namespace: running.namespace,
    pointInTime: running.pointInTime ?? "latest restorable",
    restore: running.restore,
    postgres: { identifier: running.postgres.identifier, host: running.postgres.host },
    ...lastRun,
  };
}
