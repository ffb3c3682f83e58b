import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { DalpApplication } from "../addons/dalp/dalpApplication";
import { DALP_SERVICE_ACCOUNT } from "../addons/shared/labels";
import { NamespaceRestore } from "../addons/velero/namespaceRestore";
import { dalpNamespaceSchedules } from "../addons/velero/rebuild";
import { BACKUP_STORAGE_LOCATION } from "../addons/velero/schedule";
import { drillNamespaceOf } from "../config/recoverChecks";
import type { BucketsPort, ClusterPort, PostgresPort, StampContext } from "../ports/adapter";
import type { AnyAdapter } from "../stacks/registry";

/** The drill's Restore, by the name `velero restore describe` takes. */
export const DRILL_RESTORE = "dalp-drill";

/** Ingress objects stay out of the drill's restore: the drill takes no traffic, and a restored Ingress would claim the domain. */
const DRILL_EXCLUDED = ["ingresses.networking.k8s.io"];

/**
 * The restore drill's component: what it restores, where and to when, as its inputs, so the pack and the
 * drill record read the running drill from the graph. Under the region's stamp, so the drill goes with it.
 */
export class DrillComponent extends pulumi.ComponentResource {
  constructor(name: string, part: { region: string; namespace: string; pointInTime?: string; restore: string }, opts: pulumi.ComponentResourceOptions) {
    super("dalp:pattern:Drill", name, part, opts);
    this.registerOutputs(part);
  }
}

export interface BuiltDrill {
  region: string;
  namespace: string;
  pointInTime?: string;
  restore: string;
  postgres: PostgresPort;
  application: DalpApplication;
}

export interface DrillInput {
  adapter: AnyAdapter;
  ctx: StampContext;
  net: unknown;
  cluster: ClusterPort;
  production: { postgres: PostgresPort; buckets: BucketsPort };
  k8sProvider: k8s.Provider;
  /** Velero's release, whose default location holds the region's own backups. */
  velero: pulumi.Resource;
  registryPassword?: pulumi.Output<string>;
  dependsOn: pulumi.Resource[];
}

/**
 * A restore drill beside the running region (product docs, backup and recovery: Recovery checks, "Run restore
 * tests against an isolated environment, not the production namespace"): the database restored from PITR to a
 * new instance, the DALP namespace restored by Velero into the drill's namespace from the region's latest
 * backup no later than the point in time, and the `dalp` chart started there against the restored database,
 * warm (no ingress route). Everything is below one component of its own, so turning the drill off deletes
 * exactly it.
 */
export function buildDrill(input: DrillInput): BuiltDrill {
  const { adapter, ctx, config } = { ...input, config: input.ctx.config };
  if (!adapter.drill) throw new Error(`${adapter.cloud} builds no restore drill`);
  const region = ctx.stamp.region;
  const namespace = drillNamespaceOf(config);
  const pointInTime = config.drill.pointInTime;
  const component = new DrillComponent(`${region}-drill`, { region, namespace, restore: DRILL_RESTORE, ...(pointInTime ? { pointInTime } : {}) }, { parent: ctx.parent });
  const drillCtx: StampContext = { ...ctx, parent: component, prefix: `${region}-drill` };
  const services = adapter.drill(drillCtx, input.net, input.cluster, input.production, { namespace, name: DALP_SERVICE_ACCOUNT }, pointInTime);
  const inCluster = { parent: component, providers: [input.k8sProvider] };
  const application = new DalpApplication(`${region}-drill-dalp`, {
    config: { charts: { ...config.charts, namespace } },
    postgres: services.postgres,
    cache: services.cache,
    buckets: input.production.buckets,
    identity: services.identity,
    workloads: "warm",
    registryPassword: input.registryPassword,
    dependsOn: input.dependsOn,
    installAfter: [input.velero],
    beforeCharts: (created) =>
      new NamespaceRestore(`${region}-drill-restore`, {
        restoreName: DRILL_RESTORE,
        location: BACKUP_STORAGE_LOCATION,
        schedules: dalpNamespaceSchedules(),
        namespace: config.charts.namespace,
        targetNamespace: namespace,
        pointInTime,
        excludedResources: DRILL_EXCLUDED,
        dependsOn: [input.velero, ...created],
      }, inCluster),
  }, inCluster);
  return { region, namespace, pointInTime, restore: DRILL_RESTORE, postgres: services.postgres, application };
}
