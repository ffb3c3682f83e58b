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
import { AwsCluster, buildCluster, buildClusterAddons } from "./cluster";
import { componentIssues } from "./componentIssues";
import { AWS_PLACEMENTS, AWS_POSTGRES_PASSWORD, AwsPostgres, buildCache, buildPostgres } from "./data";
import { discoverAws } from "./discover";
import { buildDrill } from "./drill";
import { buildAppIdentity, buildBackupTarget } from "./identity";
import { buildIngress } from "./ingress";
import { AWS_DATA_LINKS, AwsHandles, AwsVaultHandles } from "./links";
import { AwsFoundation, AwsKeys, AwsProviders, buildFoundation, buildKeys } from "./network";
import { AwsBuckets, buildBuckets } from "./storage";
import { awsTraffic } from "./traffic";
import { validateAws } from "./validate";

export type { AwsFoundation, AwsKeys } from "./network";
export type { AwsCluster } from "./cluster";
export type { AwsBuckets } from "./storage";
export type { AwsPostgres } from "./data";

/** The AWS ports, one file per concern; this class only composes them. */
export class AwsAdapter implements CloudAdapter<AwsFoundation, AwsCluster, AwsBuckets, AwsPostgres, AwsKeys> {
  readonly cloud = "aws" as const;
  readonly placements = AWS_PLACEMENTS;
  readonly postgresPassword = AWS_POSTGRES_PASSWORD;
  readonly links: LinkPorts<AwsHandles, AwsVaultHandles>;
  private readonly providers: AwsProviders;

  constructor(tags: Record<string, string>, account?: string) {
    this.providers = new AwsProviders(tags, account);
    this.links = { ...AWS_DATA_LINKS, traffic: awsTraffic(this.providers) };
  }

  providerFor(region: string) {
    return this.providers.for(region);
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return [...validateAws(config), ...componentIssues(config)];
  }

  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    this.providers.leaveBehind(topology);
    return discoverAws(config, topology, (region) => this.providers.for(region));
  }

  /**
   * The recovery region as a vault: its provider, its key and the two buckets, declared by the same builders
   * as a full stamp's (buildKeys, buildBuckets), so the rebuild finds them under the same URNs. Nothing here
   * bills by the hour: no VPC, no NAT gateway, no endpoint.
   */
  vault(ctx: StampContext): VaultHandles<AwsKeys, AwsBuckets> {
    const net = buildKeys(ctx, this.providers);
    return { net, buckets: buildBuckets(ctx, net) };
  }

  network(ctx: StampContext): AwsFoundation {
    return buildFoundation(ctx, this.providers);
  }

  cluster(ctx: StampContext, net: AwsFoundation): AwsCluster {
    return buildCluster(ctx, net);
  }

  clusterAddons(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    return buildClusterAddons(ctx, net, cluster, k8sProvider);
  }

  postgres(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, source?: AwsPostgres): AwsPostgres {
    return buildPostgres(ctx, net, cluster, source);
  }

  cache(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster): CachePort {
    return buildCache(ctx, net, cluster);
  }

  buckets(ctx: StampContext, net: AwsFoundation): AwsBuckets {
    return buildBuckets(ctx, net);
  }

  appIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    return buildAppIdentity(ctx, net, cluster, buckets, account);
  }

  backupTarget(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): BackupTargetPort {
    return buildBackupTarget(ctx, net, cluster, buckets, account);
  }

  /** The restore drill beside the active region: production's database restored anew, a cache and a read-only identity of its own. */
  drill(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, production: { postgres: AwsPostgres; buckets: AwsBuckets }, account: ServiceAccountRef, pointInTime?: string): DrillPort {
    return buildDrill(ctx, net, cluster, production, account, pointInTime);
  }

  ingress(ctx: StampContext, net: AwsFoundation): IngressPort {
    return buildIngress(ctx, net);
  }
}
