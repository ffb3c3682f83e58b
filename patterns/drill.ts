import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DalpApplication } from "../addons/dalp/dalpApplication";
import { DALP_SERVICE_ACCOUNT } from "../addons/shared/labels";
import { NamespaceRestore, type RestoreModifier } from "../addons/velero/namespaceRestore";
import { dalpNamespaceSchedules } from "../addons/velero/rebuild";
import { BACKUP_STORAGE_LOCATION } from "../addons/velero/schedule";
import { drillNamespaceOf } from "../config/recoverChecks";
import type { BucketsPort, ClusterPort, PostgresPort, StampContext } from "../ports/adapter";
import type { AnyAdapter } from "../stacks/registry";

/**
 * The prefix of the drill's Restore, whose name `velero restore describe` takes. Each drill has its own: the
 * Restore is Velero's object, left in the cluster when the drill is turned off, and a job that found the last
 * drill's would take it for its own and restore nothing.
 */
export const DRILL_RESTORE = "dalp-drill";

/** The drill's restore job (and its service account and role), one at a time. */
const DRILL_JOB = "dalp-drill-restore";

/** The StorageClass of the drill's volumes: the cluster's, but deleting them with their claims. */
const DRILL_STORAGE_CLASS = "dalp-drill";

/** Ingress objects stay out of the drill's restore: the drill takes no traffic, and a restored Ingress would claim the domain. */
const DRILL_EXCLUDED = ["ingresses.networking.k8s.io"];

/**
 * The restore drill's component: what it restores, where and to when, as its inputs, so the pack and the
 * drill record read the running drill from the graph. Under the region's stamp, so the drill goes with it.
 */
export class DrillComponent extends pulumi.ComponentResource {
  constructor(name: string, part: { region: string; namespace: string; pointInTime?: string }, opts: pulumi.ComponentResourceOptions) {
    super("dalp:pattern:Drill", name, part, opts);
    this.registerOutputs(part);
  }
}

export interface BuiltDrill {
  region: string;
  namespace: string;
  pointInTime?: string;
  restore: pulumi.Output<string>;
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
  // The stack's random provider reaches the drill's own random name through the component.
  const component = new DrillComponent(`${region}-drill`, { region, namespace, ...(pointInTime ? { pointInTime } : {}) }, { parent: ctx.parent, providers: ctx.sharedProviders });
  const drillCtx: StampContext = { ...ctx, parent: component, prefix: `${region}-drill` };
  const id = new random.RandomId(`${region}-drill-id`, { byteLength: 3 }, { parent: component });
  const restore = pulumi.interpolate`${DRILL_RESTORE}-${id.hex}`;
  const services = adapter.drill(drillCtx, input.net, input.cluster, input.production, { namespace, name: DALP_SERVICE_ACCOUNT }, pointInTime);
  const inCluster = { parent: component, providers: [input.k8sProvider] };
  // The restored claims get a class of the drill's own, so their volumes go with the drill; the cluster's class
  // keeps volumes whose claim is deleted (reclaimPolicy Retain).
  const volumes = input.cluster.volumes;
  const storageClass =
    volumes && input.cluster.storageClass
      ? new k8s.storage.v1.StorageClass(`${region}-drill-storage`, {
          metadata: { name: DRILL_STORAGE_CLASS },
          provisioner: volumes.provisioner,
          parameters: volumes.parameters,
          volumeBindingMode: "WaitForFirstConsumer",
          reclaimPolicy: "Delete",
        }, { parent: component, provider: input.k8sProvider, dependsOn: input.dependsOn })
      : undefined;
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
        restoreName: restore,
        jobName: DRILL_JOB,
        modifiers: drillModifiers(config.charts.namespace, namespace, storageClass ? DRILL_STORAGE_CLASS : undefined),
        location: BACKUP_STORAGE_LOCATION,
        schedules: dalpNamespaceSchedules(),
        namespace: config.charts.namespace,
        targetNamespace: namespace,
        pointInTime,
        excludedResources: DRILL_EXCLUDED,
        dependsOn: [input.velero, ...created, ...(storageClass ? [storageClass] : [])],
      }, inCluster),
  }, inCluster);
  return { region, namespace, pointInTime, restore, postgres: services.postgres, application };
}

/**
 * What the drill's restore changes on the way in. Velero's namespace mapping moves the objects and nothing
 * else: they keep `meta.helm.sh/release-namespace` of production, and Helm refuses to install a release over
 * objects another namespace's release owns ("invalid ownership metadata", helm pkg/action/validate.go
 * checkOwnership, read 2026-12-01). The claims move to the drill's own class.
 */
export function drillModifiers(production: string, drill: string, drillClass?: string): RestoreModifier[] {
  // Every claim, whatever class it named: one under another class would keep its volume.
  const releaseNamespace = "/metadata/annotations/meta.helm.sh~1release-namespace";
  return [
    { groupResource: "**", match: { path: releaseNamespace, value: production }, replace: { path: releaseNamespace, value: drill } },
    ...(drillClass
      ? [{ groupResource: "persistentvolumeclaims", replace: { path: "/spec/storageClassName", value: drillClass } }]
      : []),
  ];
}
