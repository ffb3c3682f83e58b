import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type {
  BackupTargetPort,
  CachePort,
  CloudAdapter,
  CloudFacts,
  DrillPort,
  IngressPort,
  ServiceAccountRef,
  StampContext,
  VaultHandles,
  WorkloadIdentityPort,
} from "../../ports/adapter";
import type { LinkPorts } from "../../ports/links";
import type { Topology } from "../../topology/types";
import { AzureCluster, buildCluster, buildClusterAddons } from "./cluster";
import { AZURE_PLACEMENTS, AZURE_POSTGRES_PASSWORD, AzurePostgres, buildCache, buildPostgres } from "./data";
import { AzureClient, discoverAzure } from "./discover";
import { buildDrillServices } from "./drill";
import { buildAppIdentity, buildBackupTarget } from "./identity";
import { buildIngress } from "./ingress";
import { AzureHandles, AzureVaultHandles, bucketReplicationPort, databaseBackupCopyPort, databaseReplicationPort } from "./links";
import { azureTags } from "./names";
import { AzureFoundation, AzureProviders, AzureRegionBase, buildFoundation, buildRegionBase } from "./network";
import { AzureBuckets, buildBuckets, buildVaultBuckets } from "./storage";
import { trafficPort } from "./traffic";
import { assertTrafficZone, parseDnsZoneId, trafficZoneIssues } from "./trafficZone";
import { validateAzure } from "./validate";

export type { AzureFoundation } from "./network";
export type { AzureCluster } from "./cluster";
export type { AzureBuckets } from "./storage";

/** The Azure ports, each built by the file of its concern; this class holds what they share. */
export class AzureAdapter implements CloudAdapter<AzureFoundation, AzureCluster, AzureBuckets, AzurePostgres, AzureRegionBase> {
  readonly cloud = "azure" as const;
  readonly placements = AZURE_PLACEMENTS;
  readonly postgresPassword = AZURE_POSTGRES_PASSWORD;
  readonly links: LinkPorts<AzureHandles, AzureVaultHandles>;
  private readonly providers: AzureProviders;
  /** The stack's tags in a spelling every Azure resource type accepts. */
  private readonly tags: Record<string, string>;
  private client?: AzureClient;

  constructor(
    private readonly stackTags: Record<string, string>,
    account?: string,
  ) {
    this.tags = azureTags(stackTags);
    this.providers = new AzureProviders(account);
    this.links = {
      "database-replication": databaseReplicationPort,
      "database-backup-copy": databaseBackupCopyPort,
      "bucket-replication": bucketReplicationPort,
      traffic: trafficPort(this.providers, this.tags),
    };
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return [...validateAzure(config, this.stackTags), ...trafficZoneIssues(config)];
  }

  async discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    const { facts, client } = await discoverAzure(config, topology, (region) => this.providers.forRegion(region));
    this.client = client;
    if (topology.links.some((l) => l.kind === "traffic" && l.routing === "failover")) {
      const zone = parseDnsZoneId(config.traffic.zone ?? "");
      await assertTrafficZone(config, this.providers.forGlobal(zone?.subscriptionId ?? facts.account));
    }
    return facts;
  }

  private deployer(): AzureClient {
    if (!this.client) throw new Error("AzureAdapter.discover() must run before the ports");
    return this.client;
  }

  /**
   * Hot-cold's recovery region: its resource group and the storage account object replication writes into, and
   * nothing else. The database copy is the home server's geo-redundant backup, kept by Azure; no key is needed,
   * as every account and server of the stack is encrypted with platform-managed keys.
   */
  vault(ctx: StampContext): VaultHandles<AzureRegionBase, AzureBuckets> {
    const base = buildRegionBase(ctx, this.providers, this.tags);
    return { net: base, buckets: buildVaultBuckets(ctx, base, this.tags) };
  }

  network(ctx: StampContext): AzureFoundation {
    return buildFoundation(ctx, this.providers, this.tags);
  }

  cluster(ctx: StampContext, net: AzureFoundation): AzureCluster {
    return buildCluster(ctx, net, this.deployer(), this.providers, this.tags);
  }

  clusterAddons(ctx: StampContext, _net: AzureFoundation, cluster: AzureCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    return buildClusterAddons(ctx, cluster, k8sProvider);
  }

  postgres(ctx: StampContext, net: AzureFoundation, _cluster: AzureCluster, source?: AzurePostgres): AzurePostgres {
    return buildPostgres(ctx, net, this.tags, source);
  }

  cache(ctx: StampContext, net: AzureFoundation): CachePort {
    return buildCache(ctx, net, this.tags);
  }

  buckets(ctx: StampContext, net: AzureFoundation): AzureBuckets {
    return buildBuckets(ctx, net, this.tags);
  }

  appIdentity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    return buildAppIdentity(ctx, net, cluster, buckets, account, this.tags);
  }

  backupTarget(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef): BackupTargetPort {
    return buildBackupTarget(ctx, net, cluster, buckets, account, this.tags);
  }

  drill(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, production: { postgres: AzurePostgres; buckets: AzureBuckets }, account: ServiceAccountRef, pointInTime?: string): DrillPort {
    return buildDrillServices(ctx, net, cluster, production, account, pointInTime, this.tags);
  }

  ingress(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster): IngressPort {
    return buildIngress(ctx, net, cluster, this.tags);
  }
}
