import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DalpApplication } from "../addons/dalp/dalpApplication";
import { DalpAlerts } from "../addons/monitoring/dalpAlerts";
import { PrometheusStack } from "../addons/monitoring/prometheusStack";
import { DALP_SERVICE_ACCOUNT, VELERO_NAMESPACE, VELERO_SERVICE_ACCOUNT } from "../addons/shared/labels";
import { Validators } from "../addons/validators/validators";
import { Velero } from "../addons/velero/velero";
import { rebuildRestore } from "../addons/velero/rebuild";
import { buildDrill, BuiltDrill } from "./drill";
import type { DalpConfig } from "../config/types";
import type { BucketsPort, CachePort, CloudFacts, ClusterPort, IngressPort, PostgresPort, StampContext, StampHandles } from "../ports/adapter";
import type { AnyAdapter } from "../stacks/registry";
import type { Stamp, Topology } from "../topology/types";

/**
 * One region's part of the pattern. Its name is the region and nothing else, so a failover that changes the
 * region's role leaves the URN of every resource below it unchanged.
 */
export class StampComponent extends pulumi.ComponentResource {
  /**
   * The stamp's part in the pattern is recorded as the component's inputs, so the policy pack reads which
   * region is active, which is standby and what runs where from the graph itself. A component has no
   * state of its own in the cloud: a failover changes these inputs and nothing else about it.
   */
  constructor(stamp: Stamp, opts?: pulumi.ComponentResourceOptions) {
    const part = { role: stamp.role, workloads: stamp.workloads, validators: stamp.validators, database: stamp.database };
    super("dalp:pattern:Stamp", stamp.region, part, opts);
    // A stack policy sees a component's outputs, not its inputs; the SDK registers empty outputs unless the
    // component registers its own first, so the same fields are registered as outputs too.
    this.registerOutputs(part);
  }
}

export interface BuiltStamp {
  kind: "full";
  stamp: Stamp;
  ctx: StampContext;
  /** The cloud's own handles, for the link ports. */
  handles: StampHandles<unknown, ClusterPort, BucketsPort, PostgresPort>;
  ingress: IngressPort;
  zones: string[];
  cluster: ClusterPort;
  postgres: PostgresPort;
  cache: CachePort;
  buckets: BucketsPort;
  application: DalpApplication;
  /** Names of the alerting rules this region emits; empty when alerts are off. */
  alertRules: string[];
  /** The restore drill running beside this region, when `dalp:drill.enabled` (active region only). */
  drill?: BuiltDrill;
}

export interface StampInput {
  config: DalpConfig;
  topology: Topology;
  facts: CloudFacts;
  stamp: Stamp;
  tags: Record<string, string>;
  registryPassword?: pulumi.Output<string>;
  sharedProviders: pulumi.ProviderResource[];
  databasePassword: pulumi.Output<string>;
}

/**
 * The regions whose backups may be replicated into this region's bucket: every other region of the stack.
 * Which way replication runs changes with a failover; the read-only locations do not, so a flip leaves
 * Velero's configuration alone and the backups of a region that fails are readable where they landed.
 */
function backupsReplicatedInto(topology: Topology, region: string): string[] {
  return topology.stamps.map((s) => s.region).filter((r) => r !== region);
}

/** A stamp whose component and foundation (provider, network, keys) exist; the rest is built by `buildStamp`. */
export interface FoundedStamp {
  input: StampInput;
  ctx: StampContext;
  net: unknown;
}

/**
 * A region's component and foundation. Every stamp is founded before any is built further: a region's network
 * may join another's (GCP: one VPC for the stack, created by the home region), while the build order of the
 * rest follows the databases, which after a return runs the other way round.
 */
export function foundStamp(adapter: AnyAdapter, input: StampInput): FoundedStamp {
  const { stamp } = input;
  // A region that holds only copies is built by buildVault (patterns/vault.ts) and never gets here.
  if (!stamp.cluster) throw new Error(`stamp ${stamp.region} has no cluster; it is a vault`);
  const ctx = stampContext(input);
  return { input, ctx, net: adapter.network(ctx) };
}

/** The stamp's component and the context its ports are built in. */
export function stampContext(input: StampInput): StampContext {
  const parent = new StampComponent(input.stamp);
  return { ...input, zones: input.facts.zones[input.stamp.region] ?? [], parent, prefix: input.stamp.region };
}

/**
 * Builds the rest of a founded region: the cloud's ports first, then the cloud-agnostic add-ons on top.
 * `source` is the built stamp whose database this one's replicates or was promoted from.
 */
export function buildStamp(adapter: AnyAdapter, founded: FoundedStamp, source?: BuiltStamp): BuiltStamp {
  const { input, ctx, net } = founded;
  const { config, stamp } = input;
  const parent = ctx.parent;

  const cluster = adapter.cluster(ctx, net);
  const k8sProvider = new k8s.Provider(`${ctx.prefix}-k8s`, { kubeconfig: cluster.kubeconfig, enableServerSideApply: true }, { parent });
  const clusterAddons = adapter.clusterAddons(ctx, net, cluster, k8sProvider);
  const postgres = adapter.postgres(ctx, net, cluster, source?.handles.postgres);
  const cache = adapter.cache(ctx, net, cluster);
  const buckets = adapter.buckets(ctx, net);
  const ingress = adapter.ingress(ctx, net, cluster);
  const identity = adapter.appIdentity(ctx, net, cluster, buckets, { namespace: config.charts.namespace, name: DALP_SERVICE_ACCOUNT });

  const inCluster = { parent, providers: [k8sProvider] };
  const ready = [...cluster.ready, ...clusterAddons];
  const monitoring = config.alerts.enabled
    ? new PrometheusStack(`${ctx.prefix}-monitoring`, {
        alertmanagerConfigSecret: config.alerts.alertmanagerConfigSecret,
        storageClass: cluster.storageClass,
        scrapeTargets: cluster.scrapeTargets,
        dependsOn: ready,
      }, inCluster)
    : undefined;

  // Velero is installed before the DALP charts, so its CRDs exist for any chart that renders Velero objects
  // (docs/backups.md, Order on the first pulumi up). A new Schedule first runs at its next cron time, by which
  // the charts are in.
  const velero = config.backup.enabled
    ? new Velero(`${ctx.prefix}-velero`, {
        config,
        target: adapter.backupTarget(ctx, net, cluster, buckets, { namespace: VELERO_NAMESPACE, name: VELERO_SERVICE_ACCOUNT }),
        serviceMonitor: monitoring !== undefined,
        placement: { region: stamp.region, replicatedFrom: backupsReplicatedInto(input.topology, stamp.region) },
        dependsOn: [...ready, ...(monitoring ? [monitoring.release] : [])],
      }, inCluster)
    : undefined;

  const restoredFrom = stamp.database.kind === "restored" ? stamp.database : undefined;
  const application = new DalpApplication(`${ctx.prefix}-dalp`, {
    config,
    postgres,
    cache,
    buckets,
    identity,
    ingress,
    workloads: stamp.workloads,
    registryPassword: input.registryPassword,
    dependsOn: ready,
    installAfter: velero ? [velero.release] : [],
    // A region rebuilt from copies gets the DALP namespace back from the replicated backups, pods and volumes
    // included, before the charts start on the restored database.
    beforeCharts: velero && restoredFrom ? (created) => rebuildRestore(ctx.prefix, config, restoredFrom, postgres.restoredTo, [velero.release, ...created], inCluster) : undefined,
  }, inCluster);

  // The restore drill runs beside the active region, from its own backups (config refuses it without Velero).
  const drill =
    config.drill.enabled && stamp.role === "active" && velero
      ? buildDrill({ adapter, ctx, net, cluster, production: { postgres, buckets }, k8sProvider, velero: velero.release, registryPassword: input.registryPassword, dependsOn: ready })
      : undefined;

  // The deployment's own network nodes, where the pattern has validators: on or staged off, as the topology says.
  if (config.validators && stamp.validators !== "none") {
    const placement = { region: stamp.region, activeRegion: input.topology.primaryRegion, state: stamp.validators };
    new Validators(`${ctx.prefix}-validators`, { config, validators: config.validators, placement, registryPassword: input.registryPassword, dependsOn: ready }, inCluster);
  }

  const alerts = monitoring
    ? new DalpAlerts(`${ctx.prefix}-alerts`, {
        config,
        namespace: application.namespace.metadata.name,
        postgres,
        cache,
        buckets,
        scope: { database: stamp.database },
        // A standby follows the active region's database, so the stamp it was built after is the one to watch.
        activeRegionProbe: stamp.role === "standby" && source ? { region: source.stamp.region, addresses: source.ingress.addresses, path: config.traffic.healthCheck.path } : undefined,
        // A standby's probe of the active region starts once DALP is installed there, so a first pulumi up does not page.
        dependsOn: [monitoring.release, ...application.secrets, ...(stamp.role === "standby" && source ? [source.application.dalp] : [])],
      }, inCluster)
    : undefined;

  return {
    kind: "full",
    stamp,
    ctx,
    handles: { net, cluster, postgres, buckets },
    ingress,
    zones: ctx.zones,
    cluster,
    postgres, cache, buckets, application, alertRules: alerts ? alerts.rules.map((r) => r.alert) : [], drill };
}
