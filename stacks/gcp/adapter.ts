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
  WorkloadIdentityPort,
} from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { buildCluster, buildClusterAddons, GcpCluster } from "./cluster";
import { buildCache, buildPostgres, GCP_PLACEMENTS, GCP_POSTGRES_PASSWORD, GcpPostgres } from "./data";
import { discoverGcp } from "./discover";
import { buildDrill } from "./drill";
import { buildAppIdentity, buildBackupTarget } from "./identity";
import { buildIngress } from "./ingress";
import { toGcpLabels } from "./labels";
import { gcpLinks, GcpHandles } from "./links";
import { buildFoundation, GcpFoundation, GcpKeys, GcpProviders } from "./network";
import { buildBuckets, GcpBuckets } from "./storage";
import { validateGcp } from "./validate";
import { buildVault, GcpVault } from "./vault";

export type { GcpFoundation, GcpKeys } from "./network";
export type { GcpCluster } from "./cluster";
export type { GcpBuckets } from "./storage";
export type { GcpPostgres } from "./data";

/** The GCP ports, one file per concern beside this one; this class only holds the stack's providers and labels. */
export class GcpAdapter implements CloudAdapter<GcpFoundation, GcpCluster, GcpBuckets, GcpPostgres, GcpKeys> {
  readonly cloud = "gcp" as const;
  readonly placements = GCP_PLACEMENTS;
  readonly postgresPassword = GCP_POSTGRES_PASSWORD;
  private readonly labels: Record<string, string>;
  private providersCache?: GcpProviders;
  /** Which links exist is known without a project; the builders read the providers only when they run. */
  readonly links = gcpLinks(() => this.providers);

  constructor(
    tags: Record<string, string>,
    private readonly account?: string,
  ) {
    this.labels = toGcpLabels(tags);
  }

  private get providers(): GcpProviders {
    // `dalp:account` is required on GCP; configuration validation has already refused a stack without it.
    if (!this.account) throw new Error("the GCP adapter needs dalp:account (the project id)");
    return (this.providersCache ??= new GcpProviders(this.account, this.labels));
  }

  /** The region's provider, pinned to the project and region. */
  providerFor(region: string) {
    return this.providers.forRegion(region);
  }

  validate(config: DalpConfig): ConfigIssue[] {
    return validateGcp(config);
  }

  discover(config: DalpConfig, topology: Topology): Promise<CloudFacts> {
    return discoverGcp(config, topology, this.providers.project, (region) => this.providers.forRegion(region), () => this.providers.global());
  }

  vault(ctx: StampContext): GcpVault {
    return buildVault(ctx, this.providers);
  }

  network(ctx: StampContext): GcpFoundation {
    return buildFoundation(ctx, this.providers);
  }

  cluster(ctx: StampContext, net: GcpFoundation): GcpCluster {
    return buildCluster(ctx, net, this.labels);
  }

  clusterAddons(ctx: StampContext, _net: GcpFoundation, cluster: GcpCluster, k8sProvider: k8s.Provider): pulumi.Resource[] {
    return buildClusterAddons(ctx, cluster, k8sProvider);
  }

  postgres(ctx: StampContext, net: GcpFoundation, _cluster: GcpCluster, source?: GcpPostgres): GcpPostgres {
    return buildPostgres(ctx, net, this.labels, source);
  }

  cache(ctx: StampContext, net: GcpFoundation): CachePort {
    return buildCache(ctx, net);
  }

  buckets(ctx: StampContext, net: GcpFoundation): GcpBuckets {
    return buildBuckets(ctx, net);
  }

  appIdentity(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
    return buildAppIdentity(ctx, net, cluster, buckets, account);
  }

  backupTarget(ctx: StampContext, net: GcpFoundation, cluster: GcpCluster, buckets: GcpBuckets, account: ServiceAccountRef): BackupTargetPort {
    return buildBackupTarget(ctx, net, cluster, buckets, account);
  }

  drill(
    ctx: StampContext,
    net: GcpFoundation,
    cluster: GcpCluster,
    production: { postgres: GcpPostgres; buckets: GcpBuckets },
    account: ServiceAccountRef,
    pointInTime?: string,
  ): DrillPort {
    return buildDrill(ctx, net, cluster, production, account, this.labels, pointInTime);
  }

  ingress(ctx: StampContext, net: GcpFoundation): IngressPort {
    return buildIngress(ctx, net);
  }
}

export type { GcpHandles };
