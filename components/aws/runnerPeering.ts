import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The existing VPC `pulumi up` runs in, which reaches a private EKS endpoint over a peering. */
export interface RunnerNetwork {
  vpcId: string;
  cidr: string;
  /** The runner VPC's route tables that get a route back to the stamp's VPC. */
  routeTableIds: string[];
}

export interface RunnerPeeringArgs {
  /** The stamp's VPC, the requester side. */
  vpcId: pulumi.Input<string>;
  vpcCidr: string;
  runner: RunnerNetwork;
  /**
   * The runner VPC's region when it is not the stamp's; its provider then manages the accepter side and the
   * runner's routes. Peering within the account and region is accepted by the requester itself.
   */
  peer?: { region: string; provider: aws.Provider };
}

/**
 * A VPC peering between the stamp's VPC and the runner's, in the same account, and the runner's routes to the
 * stamp. The stamp's own route back goes into its private route tables (see Network), where the EKS control
 * plane's network interfaces sit. No DNS option is needed: with only the private endpoint on, "Amazon EKS
 * automatically advertises the endpoints' private IP addresses through the API server's public DNS name"
 * (AWS Knowledge Center, eks-private-cluster-endpoint-vpc, read 2026-12-01), so the runner resolves the
 * endpoint from anywhere and reaches it over this peering.
 */
export class RunnerPeering extends pulumi.ComponentResource {
  /** The peering's id once it is active (accepted), for routes that must not race the acceptance. */
  readonly connectionId: pulumi.Output<string>;
  readonly runnerCidr: string;
  /** What must exist before anything talks to the cluster API through the peering. */
  readonly ready: pulumi.CustomResource[];

  constructor(name: string, args: RunnerPeeringArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:RunnerPeering", name, {}, opts);
    this.runnerCidr = args.runner.cidr;
    const tags = { Name: `${name} to the pulumi up runner VPC ${args.runner.vpcId}` };
    // Cross-region peering cannot be auto-accepted by the requester: the accepter side is a resource of its own
    // in the peer's region (@pulumi/aws 7.48 ec2.VpcPeeringConnection, peerRegion and autoAccept).
    const peering = new aws.ec2.VpcPeeringConnection(`${name}-peering`, {
      vpcId: args.vpcId,
      peerVpcId: args.runner.vpcId,
      ...(args.peer ? { peerRegion: args.peer.region } : { autoAccept: true }),
      tags,
    }, { parent: this });
    const accepter = args.peer
      ? new aws.ec2.VpcPeeringConnectionAccepter(`${name}-accepter`, { vpcPeeringConnectionId: peering.id, autoAccept: true, tags }, { parent: this, provider: args.peer.provider })
      : undefined;
    this.connectionId = accepter ? accepter.id : peering.id;

    const runnerRoutes = args.runner.routeTableIds.map((routeTableId) =>
      new aws.ec2.Route(`${name}-route-${routeTableId}`, {
        routeTableId,
        destinationCidrBlock: args.vpcCidr,
        vpcPeeringConnectionId: this.connectionId,
      }, { parent: this, ...(args.peer ? { provider: args.peer.provider } : {}) }),
    );
    this.ready = [peering, ...(accepter ? [accepter] : []), ...runnerRoutes];
    this.registerOutputs({ connectionId: this.connectionId });
  }
}
