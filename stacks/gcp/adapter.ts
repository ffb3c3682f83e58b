import type * as k8s from "@pulumi/kubernetes";
import { Provider } from "@pulumi/gcp/provider";
import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import { CloudSqlPostgres } from "../../components/gcp/cloudSqlPostgres";
import { GkeCluster } from "../../components/gcp/gkeCluster";
import { GKE_STORAGE_CLASS, GkeClusterAddons } from "../../components/gcp/gkeClusterAddons";
import { KmsKey } from "../../components/gcp/kmsKey";
import { MemorystoreRedis } from "../../components/gcp/memorystoreRedis";
import { RunnerPeering } from "../../components/gcp/runnerPeering";
import { Network, POD_RANGE, SERVICE_RANGE } from "../../components/gcp/network";
import { SecureBucket } from "../../components/gcp/secureBucket";
import { StorageRoles } from "../../components/gcp/storageRoles";
import { planAddresses } from "../../components/gcp/subnetPlan";
import { WorkloadIdentity } from "../../components/gcp/workloadIdentity";
import type { ConfigIssue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type {
  BackupTargetPort,
  BucketsPort,
  CachePort,
  CloudAdapter,
  CloudFacts,
  ClusterPort,
  IngressPort,
  PostgresPort,
  ServiceAccountRef,
  StampContext,
  WorkloadIdentityPort,
} from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { gkeApiAccess, runnerNetworkOf } from "./apiAccess";
import { cloudSqlEdition, GCP_DEFAULTS, MEMORYSTORE_VERSIONS } from "./defaults";
import { discoverGcp, GcpFacts } from "./discover";
import { toGcpLabels } from "./labels";
import { customRoleId, gcpName, serviceAccountId } from "./names";
import { memorystoreSizeGb, validateGcp } from "./validate";

/** The region's foundation, passed between the GCP ports. */
export interface GcpFoundation {
  provider: Provider;
  project: string;
  network: Network;
  kms: KmsKey;
  roles: StorageRoles;
  /** With `apiAccess.mode: private`: the peering with the network pulumi up runs in. */
  runnerPeering?: RunnerPeering;
}

export interface GcpCluster extends ClusterPort {
  gke: GkeCluster;
}

export interface GcpBuckets extends BucketsPort {
  appBucket: SecureBucket;
  backupBucket: SecureBucket;
}

/** Google's global endpoint for Cloud Storage (JSON and XML APIs), which DALP and Velero talk to. */
const GCS_ENDPOINT = "https://storage.googleapis.com";

function gcpFacts(facts: CloudFacts): GcpFacts {
  if (!("projectNumber" in facts)) throw new Error("the GCP ports need the facts discoverGcp returns");
  return facts as GcpFacts;
}

export class GcpAdapter implements CloudAdapter<GcpFoundation, GcpCluster, GcpBuckets> {
  readonly cloud = "gcp" as const;
  readonly placements = ["primary"] as const;
  readonly links = { traffic: { routings: ["regional"] as const, build: () => undefined } };
  private readonly providers = new Map<string, Provider>();
  private readonly runnerProviders = new Map<string, Provider>();
  /** The last peering made with the runner network: the next region's waits for it (one peering operation at a time). */
  private lastRunnerPeering?: pulumi.Resource;
  private readonly labels: Record<string, string>;

  constructor(
    tags: Record<string, string>,
    private readonly account?: string,
  ) {
    this.labels = toGcpLabels(tags);
  }

  private get project(): string {
    // `dalp:account` is required on GCP; configuration validation has already refused a stack without it.
    if (!this.account) throw new Error("the GCP adapter needs dalp:account (the project id)");
    return this.account;
  }

  /**
   * One explicit provider per region, pinned to the configured project: no resource can land in another
   * project or region by accident of ambient gcloud configuration. Default labels reach every resource with a
   * top-level `labels` field; the others get them explicitly.
   */
  providerFor(region: string): Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new Provider(`gcp-${region}`, { project: this.project, region, defaultLabels: this.labels });
      this.providers.set(region, provider);
    }
    return provider;
  }

  /** A provider for the runner network's project, which may be another project than the stack's. */
  private runnerProviderFor(project: string): Provider {
    let provider = this.runnerProviders.get(project);
    if (!provider) {
      provider = new Provider(`gcp-runner-${project}`, { project, defaultLabels: this.labels });
      this.runnerProviders.set(project, provider);
    }
    return provider;
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return validateGcp(config);
  }

  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    return discoverGcp(config, topology, this.project, (region) => this.providerFor(region));
  }

  network(ctx: StampContext): GcpFoundation {
    const provider = this.providerFor(ctx.stamp.region);
    const opts = { parent: ctx.parent, providers: [provider] };
    const facts = gcpFacts(ctx.facts);
    const network = new Network(`${ctx.prefix}-network`, {
      region: ctx.stamp.region,
      plan: planAddresses(ctx.stamp.cidr, GCP_DEFAULTS.maxPodsPerNode),
    }, opts);
    const kms = new KmsKey(`${ctx.prefix}-kms`, {
      location: ctx.stamp.region,
      rotationPeriodSeconds: GCP_DEFAULTS.kmsRotationSeconds,
      destroyScheduledSeconds: GCP_DEFAULTS.kmsDestroyScheduledSeconds,
      // The GKE service agent encrypts Secrets with the key (GKE "Encrypt secrets at the application layer").
      encrypterDecrypters: [`serviceAccount:service-${facts.projectNumber}@container-engine-robot.iam.gserviceaccount.com`],
    }, opts);
    const roles = new StorageRoles(`${ctx.prefix}-roles`, {
      project: this.project,
      objectReadWriteRoleId: customRoleId("objectReadWrite", ctx.config.stack, ctx.stamp.region),
      signBlobRoleId: customRoleId("signBlob", ctx.config.stack, ctx.stamp.region),
    }, opts);
    return { provider, project: this.project, network, kms, roles, runnerPeering: this.runnerPeering(ctx, network, opts) };
  }

  /** `apiAccess.mode: private`: the region's VPC peered with the network pulumi up runs in, both ways. */
  private runnerPeering(ctx: StampContext, network: Network, opts: pulumi.ComponentResourceOptions): RunnerPeering | undefined {
    if (ctx.config.cluster.apiAccess?.mode !== "private") return undefined;
    const runner = runnerNetworkOf(ctx.config);
    const peering = new RunnerPeering(`${ctx.prefix}-runner-peering`, {
      network: network.vpc.selfLink,
      runnerNetwork: runner.selfLink,
      name: gcpName(63, "dalp", ctx.config.stack, ctx.stamp.region, "runner"),
      runnerSideName: gcpName(63, "dalp", ctx.config.stack, ctx.stamp.region),
      runnerProvider: this.runnerProviderFor(runner.project),
      after: [network.privateServicesConnection, ...(this.lastRunnerPeering ? [this.lastRunnerPeering] : [])],
    }, opts);
    this.lastRunnerPeering = peering.fromRunner;
    return peering;
  }

  cluster(ctx: StampContext, net: GcpFoundation): GcpCluster {
    const c = ctx.config.cluster;
    const gke = new GkeCluster(`${ctx.prefix}-gke`, {
      project: net.project,
      region: ctx.stamp.region,
      zones: ctx.zones,
      clusterName: gcpName(40, "dalp", ctx.config.stack, ctx.stamp.region),
      kubernetesVersion: c.kubernetesVersion ?? GCP_DEFAULTS.kubernetesVersion,
      releaseChannel: GCP_DEFAULTS.releaseChannel,
      network: net.network.vpc.id,
      subnetwork: net.network.subnet.id,
      controlPlaneSubnetwork: net.network.controlPlaneSubnet.id,
      controlPlaneCidr: net.network.plan.controlPlane,
      podRangeName: POD_RANGE,
      serviceRangeName: SERVICE_RANGE,
      maxPodsPerNode: GCP_DEFAULTS.maxPodsPerNode,
      nodeType: c.nodeType ?? GCP_DEFAULTS.nodeType,
      nodeDiskGb: GCP_DEFAULTS.nodeDiskGb,
      minPerZone: c.minPerZone,
      maxPerZone: c.maxPerZone,
      apiAccess: gkeApiAccess(ctx.config),
      adminPrincipals: c.adminPrincipals,
      secretsKeyId: net.kms.key.id,
      secretsKeyGrants: net.kms.grants,
      nodeServiceAccountId: serviceAccountId("nodes", ctx.config.stack, ctx.stamp.region),
      labels: this.labels,
    }, { parent: ctx.parent, providers: [net.provider] });
    // GKE hides the controller manager, scheduler and etcd; Dataplane V2 replaces kube-proxy; DNS is kube-dns.
    const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: false };
    // Through a peering, the Kubernetes provider can reach the API only once both halves exist; a kubeconfig
    // that resolves after them keeps it from being configured against an unreachable endpoint.
    const peering = net.runnerPeering?.ready ?? [];
    const kubeconfig = peering.length === 0 ? gke.kubeconfig : pulumi.all([gke.kubeconfig, ...peering.map((p) => p.urn)]).apply(([text]) => text);
    return { gke, name: gke.name, kubeconfig, ready: [...gke.ready, ...peering], storageClass: GKE_STORAGE_CLASS, scrapeTargets };
  }

  clusterAddons(ctx: StampContext, _net: GcpFoundation, cluster: GcpCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    const addons = new GkeClusterAddons(`${ctx.prefix}-gke-addons`, {
      ready: cluster.ready,
      adminPrincipals: ctx.config.cluster.adminPrincipals,
      k8sProvider,
    }, { parent: ctx.parent });
    return addons.resources;
  }

  postgres(ctx: StampContext, net: GcpFoundation): PostgresPort {
    const p = ctx.config.postgres;
    const tier = p.instanceClass ?? GCP_DEFAULTS.postgresTier;
    const db = new CloudSqlPostgres(`${ctx.prefix}-postgres`, {
      region: ctx.stamp.region,
      zones: ctx.zones,
      network: net.network.vpc.id,
      allocatedIpRange: net.network.privateServicesRange.name,
      privateServicesConnection: net.network.privateServicesConnection,
      version: p.version,
      tier,
      edition: cloudSqlEdition(tier),
      storageGb: p.storageGb,
      maxStorageGb: p.maxStorageGb,
      backupRetentionDays: p.backupRetentionDays,
      pointInTimeRecovery: p.pointInTimeRecovery,
      databaseName: p.databaseName,
      username: p.username,
      labels: this.labels,
    }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
    return {
      host: db.instance.privateIpAddress,
      port: pulumi.output(5432),
      database: p.databaseName,
      username: p.username,
      password: db.password,
      sslMode: "require",
      identifier: db.instance.connectionName,
    };
  }

  cache(ctx: StampContext, net: GcpFoundation): CachePort {
    const c = ctx.config.cache;
    const cache = new MemorystoreRedis(`${ctx.prefix}-cache`, {
      instanceName: gcpName(40, "dalp", ctx.config.stack, ctx.stamp.region),
      region: ctx.stamp.region,
      zones: ctx.zones,
      network: net.network.vpc.id,
      reservedIpRange: net.network.privateServicesRange.name,
      privateServicesConnection: net.network.privateServicesConnection,
      redisVersion: MEMORYSTORE_VERSIONS[c.version ?? GCP_DEFAULTS.cacheVersion],
      // Validation has refused anything that is not a size.
      memorySizeGb: memorystoreSizeGb(c.nodeType) ?? GCP_DEFAULTS.cacheMemoryGb,
      replicas: c.replicas,
    }, { parent: ctx.parent, providers: [net.provider] });
    return {
      host: cache.instance.host,
      port: cache.instance.port,
      tls: true,
      caCertificate: cache.caCertificate,
      password: cache.authString,
      identifier: cache.instance.id,
    };
  }

  buckets(ctx: StampContext, net: GcpFoundation): GcpBuckets {
    const bucket = (purpose: "app" | "backup") =>
      new SecureBucket(`${ctx.prefix}-${purpose}`, {
        purpose: `dalp-${purpose}`,
        location: ctx.stamp.region,
        noncurrentVersionRetentionDays: ctx.config.objectStorage.noncurrentVersionRetentionDays,
        softDeleteSeconds: GCP_DEFAULTS.softDeleteSeconds,
      }, { parent: ctx.parent, providers: [net.provider] });
    const app = bucket("app");
    const backup = bucket("backup");
    const port = (b: SecureBucket) => ({
      name: b.name,
      endpoint: pulumi.output(GCS_ENDPOINT),
      region: ctx.stamp.region,
      probe: {
        url: pulumi.interpolate`${GCS_ENDPOINT}/storage/v1/b/${b.name}`,
        acceptedStatus: [401, 403],
        source: "Cloud Storage answers an anonymous caller 401 (JSON API) or 403 (\"Anonymous caller does not have storage.objects.list access\"), cloud.google.com/storage/docs/troubleshooting, read 2026-11-22",
      },
    });
    return { provider: "gcs", app: port(app), backup: port(backup), appBucket: app, backupBucket: backup };
  }

  private identity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, purpose: string, bucket: SecureBucket, account: ServiceAccountRef): WorkloadIdentity {
    return new WorkloadIdentity(`${ctx.prefix}-${purpose}-identity`, {
      accountId: serviceAccountId(purpose, ctx.config.stack, ctx.stamp.region),
      displayName: `DALP ${ctx.config.stack} ${ctx.stamp.region}: ${account.namespace}/${account.name}`,
      workloadPool: cluster.gke.workloadPool,
      namespace: account.namespace,
      serviceAccount: account.name,
      bucket: bucket.name,
      bucketRole: net.roles.objectReadWrite.name,
      signBlobRole: net.roles.signBlob.name,
    }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
  }

  appIdentity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    const identity = this.identity(ctx, net, cluster, "app", buckets.appBucket, account);
    return { serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": identity.email }, podLabels: {}, ready: identity.ready };
  }

  backupTarget(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): BackupTargetPort {
    const identity = this.identity(ctx, net, cluster, "velero", buckets.backupBucket, account);
    return {
      serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": identity.email },
      podLabels: {},
      ready: identity.ready,
      pluginImage: VELERO_PLUGINS.gcp,
      provider: "gcp",
      bucket: buckets.backup.name,
      // Without a key file the plugin signs download URLs through the IAM API as this account, and refuses to
      // start without it (velero-plugin-for-gcp object_store.go, initFromComputeEngine).
      config: { serviceAccount: identity.email },
    };
  }

  ingress(): IngressPort {
    // A regional backend service-based external passthrough Network Load Balancer: one forwarding rule for the
    // region, health-checked backends in every zone (GKE "Create a backend service-based external load
    // balancer", read 2026-11-22).
    return { serviceAnnotations: { "cloud.google.com/l4-rbs": "enabled" }, serviceValues: {}, addresses: pulumi.output([]), ready: [] };
  }
}
