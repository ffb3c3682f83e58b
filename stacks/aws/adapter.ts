import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type {
  BackupTargetPort,
  CachePort,
  CloudAdapter,
  CloudFacts,
  IngressPort,
  ServiceAccountRef,
  StampContext,
  WorkloadIdentityPort,
} from "../../ports/adapter";
import type { LinkPorts } from "../../ports/links";
import type { Topology } from "../../topology/types";
import { AwsCluster, buildCluster, buildClusterAddons } from "./cluster";
import { componentIssues } from "./componentIssues";
import { AWS_PLACEMENTS, AWS_POSTGRES_PASSWORD, AwsPostgres, buildCache, buildPostgres } from "./data";
import { discoverAws } from "./discover";
import { buildAppIdentity, buildBackupTarget } from "./identity";
import { buildIngress } from "./ingress";
import { AWS_DATA_LINKS, AwsHandles } from "./links";
import { AwsFoundation, AwsProviders, buildFoundation } from "./network";
import { AwsBuckets, buildBuckets } from "./storage";
import { awsTraffic } from "./traffic";
import { validateAws } from "./validate";

export type { AwsFoundation } from "./network";
export type { AwsCluster } from "./cluster";
export type { AwsBuckets } from "./storage";
export type { AwsPostgres } from "./data";

/** The AWS ports, one file per concern; this class only composes them. */
export class AwsAdapter implements CloudAdapter<AwsFoundation, AwsCluster, AwsBuckets, AwsPostgres> {
  readonly cloud = "aws" as const;
  readonly placements = AWS_PLACEMENTS;
  readonly postgresPassword = AWS_POSTGRES_PASSWORD;
  readonly links: LinkPorts<AwsHandles>;
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

  ingress(ctx: StampContext, net: AwsFoundation): IngressPort {
    return buildIngress(ctx, net);
  }
}
