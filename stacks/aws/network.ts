import * as aws from "@pulumi/aws";
import { KmsKey } from "../../components/aws/kmsKey";
import { Network } from "../../components/aws/network";
import type { StampContext } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { runnerNetworkOf } from "./apiAccess";
import { clusterNameOf } from "./cluster";
import { awsIdentifier } from "./names";

/**
 * The region's provider and customer key: all a region that holds only copies needs (the vault), and the
 * first part of a full stamp's foundation. Both paths declare them through `buildKeys`, so the rebuild of a
 * vault into a full stamp finds the key under the same URN, with the same inputs.
 */
export interface AwsKeys {
  provider: aws.Provider;
  kms: KmsKey;
}

/** The region's foundation, passed between the AWS ports. */
export interface AwsFoundation extends AwsKeys {
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
 *
 * Each provider asks STS who the caller is when it is configured (terraform-provider-aws internal/conns
 * config.go: awsbase.GetAwsAccountIDAndPartition, needed for `allowedAccountIds` and the ARNs the provider
 * builds; "retrieving AWS account details" fails the configuration), at the STS endpoint of `stsRegion`, by
 * default the provider's own region. The engine configures every provider the program declares, also in a
 * `pulumi up --target` that leaves all of that provider's resources alone (providers are implicitly
 * targeted, pulumi/pulumi#17746; only a provider the program no longer declares is left unconfigured since
 * pulumi/pulumi#24259, merged 2026-08-11; read 2026-12-01). A region a failover left behind keeps its
 * provider, since its resources stay in the stack: that provider asks STS in the active region instead, so a
 * failover with the left region down configures it without a call into that region. `stsRegion` is not a
 * key that replaces the provider (pulumi-aws marks no config key ForcesProviderReplace; the bridge's
 * configDiffer replaces only for those), so the switch is an in-place update of the provider.
 */
export class AwsProviders {
  private readonly providers = new Map<string, aws.Provider>();
  /** Region to the region whose STS its provider asks, for the regions a failover left behind. */
  private readonly stsRegions = new Map<string, string>();

  constructor(
    private readonly tags: Record<string, string>,
    private readonly account?: string,
  ) {}

  /** The regions the topology left behind (role `cold`) take STS from the active region; set before their providers. */
  leaveBehind(topology: Topology): void {
    for (const stamp of topology.stamps) {
      if (stamp.role !== "cold" || this.stsRegions.get(stamp.region) === topology.primaryRegion) continue;
      if (this.providers.has(stamp.region)) throw new Error(`the provider of ${stamp.region} was declared before its STS region was set`);
      this.stsRegions.set(stamp.region, topology.primaryRegion);
    }
  }

  for(region: string): aws.Provider {
    let provider = this.providers.get(region);
    if (!provider) {
      provider = new aws.Provider(`aws-${region}`, {
        region: region as aws.Region,
        stsRegion: this.stsRegions.get(region) ?? region,
        defaultTags: { tags: this.tags },
        ...(this.account ? { allowedAccountIds: [this.account] } : {}),
      });
      this.providers.set(region, provider);
    }
    return provider;
  }
}

/**
 * The region's provider and key. The description names everything the key encrypts once the region runs a full
 * stamp, also while it is a vault: it is no create-only input of the key (planner/diff/rules/aws.ts), but a
 * rebuild that changes nothing of the key is one change fewer to review during a disaster.
 */
export function buildKeys(ctx: StampContext, providers: AwsProviders): AwsKeys {
  const provider = providers.for(ctx.stamp.region);
  const kms = new KmsKey(`${ctx.prefix}-kms`, {
    description: `DALP ${ctx.config.stack} ${ctx.stamp.region}: cluster secrets, volumes, database, cache, buckets`,
    alias: awsIdentifier("dalp", ctx.config.stack, ctx.stamp.region),
  }, { parent: ctx.parent, providers: [provider] });
  return { provider, kms };
}

/** The region's key and VPC, peered with the runner's VPC when the API is private. */
export function buildFoundation(ctx: StampContext, providers: AwsProviders): AwsFoundation {
  const { provider, kms } = buildKeys(ctx, providers);
  const opts = { parent: ctx.parent, providers: [provider] };
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
