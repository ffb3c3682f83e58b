import { Provider } from "@pulumi/gcp/provider";
import type * as pulumi from "@pulumi/pulumi";
import { KmsKey } from "../../components/gcp/kmsKey";
import { Network } from "../../components/gcp/network";
import { RunnerPeering } from "../../components/gcp/runnerPeering";
import { StorageRoles } from "../../components/gcp/storageRoles";
import { planAddresses } from "../../components/gcp/subnetPlan";
import type { CloudFacts, StampContext } from "../../ports/adapter";
import { runnerNetworkOf } from "./apiAccess";
import { GCP_DEFAULTS } from "./defaults";
import type { GcpFacts } from "./discover";
import { customRoleId, gcpName } from "./names";

/**
 * What a region holds before anything runs there: its provider and its key. A region that holds only copies
 * (hot-cold's recovery region) has no more than this; a full stamp's foundation holds it too, built by the same
 * code, so the rebuild finds the key where the vault left it.
 */
export interface GcpKeys {
  provider: Provider;
  project: string;
  kms: KmsKey;
}

/** The region's foundation, passed between the GCP ports. */
export interface GcpFoundation extends GcpKeys {
  network: Network;
  roles: StorageRoles;
  /** With `apiAccess.mode: private`: the peering with the network pulumi up runs in. */
  runnerPeering?: RunnerPeering;
}

export function gcpFacts(facts: CloudFacts): GcpFacts {
  if (!("projectNumber" in facts)) throw new Error("the GCP ports need the facts discoverGcp returns");
  return facts as GcpFacts;
}

/**
 * The stack's GCP providers: one per region, pinned to the configured project, so no resource can land in another
 * project or region by accident of ambient gcloud configuration; and one per project of a runner network. Default
 * labels reach every resource with a top-level `labels` field; the others get them explicitly.
 */
export class GcpProviders {
  private readonly regional = new Map<string, Provider>();
  private readonly runner = new Map<string, Provider>();
  /** The last peering made with the runner network: the next region's waits for it (one peering operation at a time). */
  lastRunnerPeering?: pulumi.Resource;
  /**
   * The first region's network and runner peering, once built: the stack's one VPC, which the other regions join
   * (a Cloud SQL cross-region replica with a private address must be on its primary's VPC network).
   */
  vpcOwner?: { region: string; network: Network; runnerPeering?: RunnerPeering };
  private globalProvider?: Provider;

  constructor(
    readonly project: string,
    readonly labels: Record<string, string>,
  ) {}

  forRegion(region: string): Provider {
    let provider = this.regional.get(region);
    if (!provider) {
      provider = new Provider(`gcp-${region}`, { project: this.project, region, defaultLabels: this.labels });
      this.regional.set(region, provider);
    }
    return provider;
  }

  /**
   * The provider of what belongs to no region (DNS records, global health checks, project roles of the links):
   * pinned to the project only, so a failover changes neither its identity nor that of what it manages.
   */
  global(): Provider {
    this.globalProvider ??= new Provider("gcp-global", { project: this.project, defaultLabels: this.labels });
    return this.globalProvider;
  }

  /** A provider for the runner network's project, which may be another project than the stack's. */
  forRunnerProject(project: string): Provider {
    let provider = this.runner.get(project);
    if (!provider) {
      provider = new Provider(`gcp-runner-${project}`, { project, defaultLabels: this.labels });
      this.runner.set(project, provider);
    }
    return provider;
  }
}

/**
 * The network, the key that encrypts GKE Secrets, and the custom roles of one region. The first configured region
 * (the home of the data, whatever `dalp:primaryRegion` says) creates the stack's one VPC, the private services
 * connection and every region's private services range, so a failover changes none of their URNs; the other
 * regions add their subnets, router and NAT to it. The VPC and the connection are global resources: a regional
 * outage of the home region does not take them down, and a failover asks nothing of them.
 */
export function buildFoundation(ctx: StampContext, providers: GcpProviders): GcpFoundation {
  const keys = buildKeys(ctx, providers);
  const opts = { parent: ctx.parent, providers: [keys.provider] };
  const home = ctx.config.regions[0].name;
  const plan = (cidr: string) => planAddresses(cidr, GCP_DEFAULTS.maxPodsPerNode);
  const owner = providers.vpcOwner;
  // A rebuilt recovery region joins the VPC the home stamp still declares (cold, unchanged): it adds its own
  // subnets, router and NAT, and takes the private services range the home stamp has allocated for it all along.
  if (ctx.stamp.region !== home && !owner) throw new Error(`the network of ${ctx.stamp.region} joins the VPC of ${home}, which must be built first`);
  const network = new Network(`${ctx.prefix}-network`, {
    region: ctx.stamp.region,
    plan: plan(ctx.stamp.cidr),
    ...(ctx.stamp.region === home
      ? { otherRegions: ctx.config.regions.slice(1).map((r) => ({ region: r.name, plan: plan(r.cidr) })) }
      : { joins: owner!.network }),
  }, opts);
  const roles = new StorageRoles(`${ctx.prefix}-roles`, {
    project: providers.project,
    objectReadWriteRoleId: customRoleId("objectReadWrite", ctx.config.stack, ctx.stamp.region),
    signBlobRoleId: customRoleId("signBlob", ctx.config.stack, ctx.stamp.region),
  }, opts);
  if (ctx.stamp.region === home) {
    const peering = runnerPeering(ctx, network, providers, opts);
    providers.vpcOwner = { region: home, network, runnerPeering: peering };
    return { ...keys, network, roles, runnerPeering: peering };
  }
  // One peering per pair of networks: the region reaches the runner through the VPC's own.
  return { ...keys, network, roles, runnerPeering: owner!.runnerPeering };
}

/**
 * The region's provider and the key that encrypts its GKE Secrets: the whole foundation of a region that holds
 * only copies, and the start of a full stamp's. Both paths declare the key here, under the stamp component, with
 * the same name and location (a key ring's location is create-only and a key ring cannot be deleted), so the
 * rebuild of a recovery region finds the vault's key ring and key and replaces neither.
 */
export function buildKeys(ctx: StampContext, providers: GcpProviders): GcpKeys {
  const provider = providers.forRegion(ctx.stamp.region);
  const facts = gcpFacts(ctx.facts);
  const kms = new KmsKey(`${ctx.prefix}-kms`, {
    location: ctx.stamp.region,
    rotationPeriodSeconds: GCP_DEFAULTS.kmsRotationSeconds,
    destroyScheduledSeconds: GCP_DEFAULTS.kmsDestroyScheduledSeconds,
    // The GKE service agent encrypts Secrets with the key (GKE "Encrypt secrets at the application layer").
    encrypterDecrypters: [`serviceAccount:service-${facts.projectNumber}@container-engine-robot.iam.gserviceaccount.com`],
  }, { parent: ctx.parent, providers: [provider] });
  return { provider, project: providers.project, kms };
}

/**
 * `apiAccess.mode: private`: the stack's VPC peered with the network pulumi up runs in, both ways; made once, by
 * the region that owns the VPC (two networks take one peering between them). With global routing and global
 * access on each control plane's internal endpoint, the runner reaches every region's endpoint subnet over it.
 */
function runnerPeering(ctx: StampContext, network: Network, providers: GcpProviders, opts: pulumi.ComponentResourceOptions): RunnerPeering | undefined {
  if (ctx.config.cluster.apiAccess?.mode !== "private") return undefined;
  const runner = runnerNetworkOf(ctx.config);
  const peering = new RunnerPeering(`${ctx.prefix}-runner-peering`, {
    network: network.vpc.selfLink,
    runnerNetwork: runner.selfLink,
    name: gcpName(63, "dalp", ctx.config.stack, ctx.stamp.region, "runner"),
    runnerSideName: gcpName(63, "dalp", ctx.config.stack, ctx.stamp.region),
    runnerProvider: providers.forRunnerProject(runner.project),
    after: [network.privateServicesConnection, ...(providers.lastRunnerPeering ? [providers.lastRunnerPeering] : [])],
  }, opts);
  providers.lastRunnerPeering = peering.fromRunner;
  return peering;
}
