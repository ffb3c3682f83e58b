import { Provider } from "@pulumi/azure-native/provider";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import type { ConfigIssue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import { AksApiAccess, AksCluster } from "../../components/azure/aksCluster";
import { AksClusterAddons, ZRS_STORAGE_CLASS } from "../../components/azure/aksClusterAddons";
import { ManagedRedis } from "../../components/azure/managedRedis";
import { Network } from "../../components/azure/network";
import { PostgresFlexibleServer } from "../../components/azure/postgresFlexibleServer";
import { PrivateApiPath } from "../../components/azure/privateApiPath";
import { PrivateDnsZones } from "../../components/azure/privateDnsZones";
import { ResourceGroup } from "../../components/azure/resourceGroup";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { SecureStorageAccount } from "../../components/azure/storageAccount";
import { WorkloadIdentity } from "../../components/azure/workloadIdentity";
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
import { AZURE_DEFAULTS, MANAGED_REDIS_PORT, postgresStorageSize } from "./defaults";
import { AzureClient, discoverAzure } from "./discover";
import { azureAlphanumeric, azureDnsLabel, azureTags } from "./names";
import { parseVnetId } from "./runnerNetwork";
import { postgresTier, validateAzure } from "./validate";

/** The region's foundation, passed between the Azure ports. */
export interface AzureFoundation {
  provider: Provider;
  location: string;
  resourceGroup: ResourceGroup;
  network: Network;
  dns: PrivateDnsZones;
}

export interface AzureCluster extends ClusterPort {
  aks: AksCluster;
}

export interface AzureBuckets extends BucketsPort {
  storage: SecureStorageAccount;
  resourceGroupName: pulumi.Output<string>;
}

/** Container names; BucketsPort's bucket name on Azure is the container name. */
const CONTAINERS = { app: "dalp-app", backup: "dalp-backup" } as const;

/** The labels and annotation Microsoft Entra Workload ID's webhook acts on (learn.microsoft.com/azure/aks/workload-identity-overview, read 2026-11-22). */
function workloadIdentityBinding(id: WorkloadIdentity): WorkloadIdentityPort {
  return {
    serviceAccountAnnotations: { "azure.workload.identity/client-id": id.clientId },
    podLabels: { "azure.workload.identity/use": "true" },
    ready: id.ready,
  };
}

export class AzureAdapter implements CloudAdapter<AzureFoundation, AzureCluster, AzureBuckets> {
  readonly cloud = "azure" as const;
  readonly placements = ["primary"] as const;
  readonly links = { traffic: { routings: ["regional"] as const, build: () => undefined } };
  private readonly providers = new Map<string, Provider>();
  /** The stack's tags in a spelling every Azure resource type accepts. */
  private readonly tags: Record<string, string>;
  private client?: AzureClient;

  constructor(
    private readonly stackTags: Record<string, string>,
    private readonly account?: string,
  ) {
    this.tags = azureTags(stackTags);
  }

  /**
   * One explicit provider per region: no resource can land in a region by accident of ambient config, nor
   * in another subscription than `dalp:account` when it is set. azure-native has no default tags, so every
   * taggable resource is given the stack's tags explicitly.
   */
  providerFor(region: string): Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new Provider(`azure-native-${region}`, { location: region, ...(this.account ? { subscriptionId: this.account } : {}) });
      this.providers.set(region, provider);
    }
    return provider;
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return validateAzure(config, this.stackTags);
  }

  async discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    const { facts, client } = await discoverAzure(config, topology, (region) => this.providerFor(region));
    this.client = client;
    return facts;
  }

  private deployer(): AzureClient {
    if (!this.client) throw new Error("AzureAdapter.discover() must run before the ports");
    return this.client;
  }

  network(ctx: StampContext): AzureFoundation {
    const region = ctx.stamp.region;
    const provider = this.providerFor(region);
    const opts = { parent: ctx.parent, providers: [provider] };
    const resourceGroup = new ResourceGroup(`${ctx.prefix}-rg`, { location: region, tags: this.tags }, opts);
    const network = new Network(`${ctx.prefix}-network`, {
      resourceGroupName: resourceGroup.name,
      location: region,
      cidr: ctx.stamp.cidr,
      zones: ctx.zones,
      natGateways: ctx.config.network.natGateways,
      tags: this.tags,
    }, opts);
    const dns = new PrivateDnsZones(`${ctx.prefix}-dns`, {
      resourceGroupName: resourceGroup.name,
      vnetId: network.vnetId,
      postgresZoneName: `${azureDnsLabel(40, "dalp", ctx.config.stack, region)}.private.postgres.database.azure.com`,
      tags: this.tags,
    }, opts);
    return { provider, location: region, resourceGroup, network, dns };
  }

  cluster(ctx: StampContext, net: AzureFoundation): AzureCluster {
    const c = ctx.config.cluster;
    const deployer = this.deployer();
    const aks = new AksCluster(`${ctx.prefix}-aks`, {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      subscriptionId: ctx.facts.account,
      tenantId: deployer.tenantId,
      deployerObjectId: deployer.objectId,
      kubernetesVersion: c.kubernetesVersion ?? AZURE_DEFAULTS.kubernetesVersion,
      dnsPrefix: azureDnsLabel(54, "dalp", ctx.config.stack, ctx.stamp.region),
      zones: ctx.zones,
      nodeSubnetByZone: net.network.nodeSubnetByZone,
      apiServerSubnetId: net.network.apiServerSubnetId,
      vnetId: net.network.vnetId,
      nodeType: c.nodeType ?? AZURE_DEFAULTS.nodeType,
      minPerZone: c.minPerZone,
      maxPerZone: c.maxPerZone,
      systemNodeType: AZURE_DEFAULTS.systemNodeType,
      systemNodesPerZone: AZURE_DEFAULTS.systemNodesPerZone,
      apiAccess: this.apiAccess(ctx, net),
      adminGroupObjectIds: c.adminPrincipals,
      tags: this.tags,
    }, { parent: ctx.parent, providers: [net.provider] });
    // AKS hides the controller manager, scheduler and etcd; with the Cilium dataplane there is no kube-proxy.
    const scrapeTargets = { controllerManager: false, scheduler: false, etcd: false, kubeProxy: false, coreDns: true };
    return { aks, name: aks.name, kubeconfig: aks.kubeconfig, ready: aks.ready, storageClass: ZRS_STORAGE_CLASS, scrapeTargets };
  }

  /**
   * `dalp:cluster.apiAccess` as AKS spells it; the configuration has refused every shape from which pulumi up
   * could not reach the API. Public: exactly the configured ranges. AKS recommends admitting the cluster's
   * own egress addresses too (learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges, "Recommended IP
   * ranges to allow", ms.date 2026-08-03, read 2026-11-22), for nodes that reach the API over its public
   * address; with API Server VNet Integration they never do ("the agent nodes always communicate directly
   * with the private IP address of the API server internal load balancer", api-server-vnet-integration),
   * so the endpoint stays open to the runner's ranges alone. Private: the cluster's own DNS zone, linked to
   * the runner's network, and the two networks peered.
   */
  private apiAccess(ctx: StampContext, net: AzureFoundation): AksApiAccess {
    const access = ctx.config.cluster.apiAccess;
    if (access?.mode === "public" && access.cidrs && access.cidrs.length > 0) {
      return { mode: "public", authorizedIPRanges: access.cidrs };
    }
    if (access?.mode === "private" && access.runnerNetwork) {
      const runner = parseVnetId(access.runnerNetwork.id);
      const region = ctx.stamp.region;
      const path = new PrivateApiPath(`${ctx.prefix}-api-path`, {
        resourceGroupName: net.resourceGroup.name,
        zoneName: `${azureDnsLabel(32, "dalp", ctx.config.stack, region)}.private.${region}.azmk8s.io`,
        stampVnet: { id: net.network.vnetId, name: net.network.vnetName, resourceGroupName: net.resourceGroup.name },
        runnerVnet: runner,
        runnerProvider: runner.subscriptionId === ctx.facts.account.toLowerCase() ? net.provider : this.subscriptionProvider(runner.subscriptionId, region),
        after: net.network.subnets,
        tags: this.tags,
      }, { parent: ctx.parent, providers: [net.provider] });
      return { mode: "private", privateDnsZoneId: path.zoneId, path: path.ready };
    }
    // validateConfig refuses both before anything is declared; this guards a port called without it.
    throw new Error(`dalp:cluster.apiAccess must be {mode: public, cidrs: [...]} or {mode: private, runnerNetwork: {...}} on azure, got ${JSON.stringify(access?.mode)}`);
  }

  /** A provider for another subscription (the runner network's), so its side of the peering is written there. */
  private subscriptionProvider(subscriptionId: string, region: string): Provider {
    const key = `subscription:${subscriptionId}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = new Provider(`azure-native-${subscriptionId}`, { location: region, subscriptionId });
      this.providers.set(key, provider);
    }
    return provider;
  }

  clusterAddons(ctx: StampContext, _net: AzureFoundation, cluster: AzureCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    return new AksClusterAddons(`${ctx.prefix}-aks-addons`, { ready: cluster.ready, k8sProvider }, { parent: ctx.parent }).resources;
  }

  postgres(ctx: StampContext, net: AzureFoundation): PostgresPort {
    const p = ctx.config.postgres;
    const sku = p.instanceClass ?? AZURE_DEFAULTS.postgresSku;
    const tier = postgresTier(sku);
    const storageGb = postgresStorageSize(p.storageGb);
    // validateAzure has refused both already; this guards a port called without it.
    if (tier !== "GeneralPurpose" && tier !== "MemoryOptimized") throw new Error(`${sku} has no zone-redundant high availability`);
    if (storageGb === undefined) throw new Error(`no Flexible Server storage size holds ${p.storageGb} GiB`);
    const db = new PostgresFlexibleServer(`${ctx.prefix}-postgres`, {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      version: p.version,
      sku,
      tier,
      storageGb,
      backupRetentionDays: p.backupRetentionDays,
      geoRedundantBackup: p.geoRedundantBackup,
      // The standby goes to the next zone; topology guarantees at least two.
      zone: ctx.zones[0],
      standbyZone: ctx.zones[1],
      databaseName: p.databaseName,
      username: p.username,
      delegatedSubnetId: net.network.postgresSubnetId,
      privateDnsZoneId: net.dns.postgres.id,
      dependsOn: net.dns.links,
      tags: this.tags,
    }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
    return {
      host: db.server.fullyQualifiedDomainName,
      port: pulumi.output(5432),
      database: p.databaseName,
      username: p.username,
      password: db.password,
      sslMode: "require",
      identifier: db.server.name,
    };
  }

  cache(ctx: StampContext, net: AzureFoundation): CachePort {
    const cache = new ManagedRedis(`${ctx.prefix}-cache`, {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      sku: ctx.config.cache.nodeType ?? AZURE_DEFAULTS.cacheSku,
      port: MANAGED_REDIS_PORT,
      endpointsSubnetId: net.network.endpointsSubnetId,
      privateDnsZoneId: net.dns.redis.id,
      tags: this.tags,
    }, { parent: ctx.parent, providers: [net.provider] });
    return {
      host: cache.hostName,
      port: cache.database.port.apply((p) => p ?? MANAGED_REDIS_PORT),
      tls: true,
      password: cache.accessKey,
      identifier: cache.cluster.name,
    };
  }

  buckets(ctx: StampContext, net: AzureFoundation): AzureBuckets {
    const region = ctx.stamp.region;
    const storage = new SecureStorageAccount(`${ctx.prefix}-storage`, {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      namePrefix: azureAlphanumeric(16, "dalp", region),
      // Geo-redundant backups on Azure cover the storage that holds the Velero backups as well as the
      // database's: GZRS adds an asynchronous copy in the paired region to the three zones of ZRS.
      redundancy: ctx.config.postgres.geoRedundantBackup ? "Standard_GZRS" : "Standard_ZRS",
      containers: [CONTAINERS.app, CONTAINERS.backup],
      noncurrentVersionRetentionDays: ctx.config.objectStorage.noncurrentVersionRetentionDays,
      endpointsSubnetId: net.network.endpointsSubnetId,
      privateDnsZoneId: net.dns.blob.id,
      tags: this.tags,
    }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
    const bucket = (container: string) => ({
      name: storage.containers[container].name,
      endpoint: storage.blobEndpoint,
      region,
      probe: {
        url: pulumi.interpolate`${storage.blobEndpoint}${container}?restype=container`,
        acceptedStatus: [409],
        source: "Blob storage answers every anonymous request to an account with allowBlobPublicAccess false with 409 PublicAccessNotPermitted; a request the account's network rules refuse gets 403 AuthorizationFailure",
      },
    });
    return { provider: "azure", app: bucket(CONTAINERS.app), backup: bucket(CONTAINERS.backup), storage, resourceGroupName: net.resourceGroup.name };
  }

  /**
   * Data access to one container only; the account-level Blob Delegator role adds nothing but the right to
   * sign user-delegation SAS URLs (Azure evaluates that action at account scope), and such a URL can never
   * grant more than the signer's own container-scoped data rights
   * (learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas, read 2026-11-22).
   */
  private identity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, name: string, container: string, account: ServiceAccountRef) {
    return new WorkloadIdentity(`${ctx.prefix}-${name}`, {
      resourceGroupName: net.resourceGroup.name,
      location: net.location,
      subscriptionId: ctx.facts.account,
      oidcIssuerUrl: cluster.aks.oidcIssuerUrl,
      namespace: account.namespace,
      serviceAccount: account.name,
      grants: [
        { role: BUILT_IN_ROLES.storageBlobDataContributor, scope: buckets.storage.containers[container].id, description: `${account.namespace}/${account.name}: blobs of ${container}` },
        { role: BUILT_IN_ROLES.storageBlobDelegator, scope: buckets.storage.account.id, description: `${account.namespace}/${account.name}: sign user-delegation SAS` },
      ],
      tags: this.tags,
    }, { parent: ctx.parent, providers: [net.provider] });
  }

  appIdentity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    return workloadIdentityBinding(this.identity(ctx, net, cluster, buckets, "app-identity", CONTAINERS.app, account));
  }

  backupTarget(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef): BackupTargetPort {
    const id = this.identity(ctx, net, cluster, buckets, "velero-identity", CONTAINERS.backup, account);
    return {
      ...workloadIdentityBinding(id),
      pluginImage: VELERO_PLUGINS.azure,
      provider: "azure",
      bucket: buckets.backup.name,
      // useAAD: Entra authorization for the object store and for the node agent's Kopia repository, so no
      // storage key is ever listed (velero-io/velero pkg/util/azure/storage.go, GetStorageAccountCredentials).
      // storageAccountURI: the plugin then needs no read access to the account's management plane
      // (velero-plugin-for-microsoft-azure README, read 2026-11-22).
      config: {
        resourceGroup: buckets.resourceGroupName,
        storageAccount: buckets.storage.accountName,
        subscriptionId: ctx.facts.account,
        useAAD: "true",
        storageAccountURI: buckets.storage.blobEndpoint,
      },
    };
  }

  ingress(): IngressPort {
    // The Azure load balancer probes the ingress controller's health endpoint instead of `/`, which the
    // controller answers with 404 (learn.microsoft.com/azure/aks/ingress-basic, read 2026-11-22). Its public
    // IP is zone-redundant in a region with zones.
    return { serviceAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz" }, serviceValues: {}, addresses: pulumi.output([]), ready: [] };
  }
}
