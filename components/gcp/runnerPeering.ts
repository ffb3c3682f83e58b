import * as compute from "@pulumi/gcp/compute";
import type { Provider } from "@pulumi/gcp/provider";
import * as pulumi from "@pulumi/pulumi";

export interface RunnerPeeringArgs {
  /** Self link of the region's VPC. */
  network: pulumi.Input<string>;
  /** Self link of the existing network `pulumi up` runs in, possibly in another project. */
  runnerNetwork: string;
  /** Peering names on each side (1-63 characters, RFC 1035), unique within each network. */
  name: string;
  runnerSideName: string;
  /** A provider pinned to the runner network's project: each side of a peering is created in its own project. */
  runnerProvider: Provider;
  /**
   * Peering operations that must finish first. A network takes one peering operation at a time ("There is a
   * peering operation in progress on the local or peer network"), and the private services access connection
   * is a peering of the same VPC.
   */
  after: pulumi.Resource[];
}

/**
 * VPC Network Peering between a region's VPC and the network `pulumi up` runs in, both halves: a peering is
 * active only once each network has created its side (provider docs, `compute.NetworkPeering`: "Both networks
 * must create a peering with each other for the peering to be functional"). Subnet routes are exchanged, so the
 * runner reaches the control plane's internal endpoint in the control-plane subnet; nothing else is exported.
 */
export class RunnerPeering extends pulumi.ComponentResource {
  readonly toRunner: compute.NetworkPeering;
  readonly fromRunner: compute.NetworkPeering;
  /** Both halves; what the Kubernetes API calls of the same run must wait for. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: RunnerPeeringArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:RunnerPeering", name, {}, opts);
    this.toRunner = new compute.NetworkPeering(`${name}-to-runner`, {
      name: args.name,
      network: args.network,
      peerNetwork: args.runnerNetwork,
      stackType: "IPV4_ONLY",
    }, { parent: this, dependsOn: args.after });
    // The two halves touch the same pair of networks, so the second waits for the first.
    this.fromRunner = new compute.NetworkPeering(`${name}-from-runner`, {
      name: args.runnerSideName,
      network: args.runnerNetwork,
      peerNetwork: args.network,
      stackType: "IPV4_ONLY",
    }, { parent: this, provider: args.runnerProvider, dependsOn: [this.toRunner] });
    this.ready = [this.toRunner, this.fromRunner];
    this.registerOutputs({ toRunner: this.toRunner.id, fromRunner: this.fromRunner.id });
  }
}
