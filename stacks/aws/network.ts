import * as aws from "@pulumi/aws";
import { KmsKey } from "../../components/aws/kmsKey";
import { Network } from "../../components/aws/network";
import type { StampContext } from "../../ports/adapter";
import { runnerNetworkOf } from "./apiAccess";
import { clusterNameOf } from "./cluster";
import { awsIdentifier } from "./names";

/** The region's foundation, passed between the AWS ports. */
export interface AwsFoundation {
  provider: aws.Provider;
  kms: KmsKey;
  network: Network;
}

/**
 * Route 53's control plane is in us-east-1 whatever the stack's regions (AWS General Reference, Route 53
 * endpoints and quotas, read 2026-12-01): the global records and health checks use a provider of that region,
 * which no failover changes, rather than the active region's, which every failover would.
 */
export const ROUTE53_REGION = "us-east-1";

/**
 * One explicit provider per region: no resource can land in a region by accident of ambient config, nor in
 * another account than `dalp:account` when it is set.
 */
export class AwsProviders {
  private readonly providers = new Map<string, aws.Provider>();

  constructor(
    private readonly tags: Record<string, string>,
    private readonly account?: string,
  ) {}

  for(region: string): aws.Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new aws.Provider(`aws-${region}`, {
        region: region as aws.Region,
        defaultTags: { tags: this.tags },
        ...(this.account ? { allowedAccountIds: [this.account] } : {}),
      });
      this.providers.set(region, provider);
    }
    return provider;
  }
}

/** The region's key and VPC, peered with the runner's VPC when the API is private. */
export function buildFoundation(ctx: StampContext, providers: AwsProviders): AwsFoundation {
  const provider = providers.for(ctx.stamp.region);
  const opts = { parent: ctx.parent, providers: [provider] };
  const kms = new KmsKey(`${ctx.prefix}-kms`, {
    description: `DALP ${ctx.config.stack} ${ctx.stamp.region}: cluster secrets, volumes, database, cache, buckets`,
    alias: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region),
  }, opts);
  const runner = runnerNetworkOf(ctx.config, ctx.stamp.region);
  const network = new Network(`${ctx.prefix}-network`, {
    region: ctx.stamp.region,
    cidr: ctx.stamp.cidr,
    zones: ctx.zones,
    natGateways: ctx.config.network.natGateways,
    clusterName: clusterNameOf(ctx),
    ...(runner ? {
      runner: {
        runner,
        ...(runner.region !== ctx.stamp.region ? { peer: { region: runner.region, provider: providers.for(runner.region) } } : {}),
      },
    } : {}),
  }, opts);
  return { provider, kms, network };
}
