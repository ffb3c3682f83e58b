import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RunnerPeering, RunnerPeeringArgs } from "./runnerPeering";
import { planSubnets } from "./subnetPlan";

export interface NetworkArgs {
  region: string;
  cidr: string;
  zones: string[];
  /** `per-zone`: one NAT gateway per zone, so losing a zone does not cut egress for the others. */
  natGateways: "per-zone" | "single";
  /**
   * The EKS cluster's name, for the `kubernetes.io/cluster/<name>` subnet tags: the cloud controller drops
   * subnets tagged for another cluster, so the tag must name this cluster exactly or no load balancer is built.
   */
  clusterName: string;
  /**
   * With a private-only API endpoint: the existing VPC `pulumi up` runs in, peered with this one, and routed
   * both ways (see RunnerPeering).
   */
  runner?: Pick<RunnerPeeringArgs, "runner" | "peer">;
}

/**
 * A VPC across the region's zones: public subnets for load balancers and NAT gateways, private subnets for
 * nodes and pods, isolated data subnets for the database and cache (no route to the internet), and an S3
 * gateway endpoint so backup traffic stays on the AWS network.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly dataSubnetIds: pulumi.Output<string>[];
  /** Private subnet per zone, for one node group per zone. */
  readonly privateSubnetByZone: Record<string, pulumi.Output<string>>;
  /** Route tables of the private subnets, where the nodes and the EKS control plane's interfaces sit. */
  readonly privateRouteTableIds: pulumi.Output<string>[];
  /** The peering with the runner's VPC and the routes over it; empty without a runner network. */
  readonly runnerAccess: pulumi.CustomResource[];
  /**
   * Per zone, what a node in that zone's private subnet needs to reach ECR, STS and the EC2 API: the NAT
   * gateway it leaves through, its route table and the table's association with the subnet. A node group
   * created before these exists boots without egress, its nodes never join, and EKS fails the group with
   * NodeCreationFailure after its create timeout.
   */
  readonly nodeEgressByZone: Record<string, pulumi.Resource[]>;

  constructor(name: string, args: NetworkArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:Network", name, {}, opts);
    const child = { parent: this };
    const plan = planSubnets(args.cidr, args.zones);

    this.vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } }, child);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id, tags: { Name: `${name}-igw` } }, child);

    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, {
      vpcId: this.vpc.id,
      routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${name}-public` },
    }, child);

    const subnet = (kind: string, zone: string, cidrBlock: string, tags: Record<string, string>) =>
      new aws.ec2.Subnet(`${name}-${kind}-${zone}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-${kind}-${zone}`, ...tags },
      }, child);

    const publicSubnets = plan.map((p) => subnet("public", p.zone, p.public, { "kubernetes.io/role/elb": "1", [`kubernetes.io/cluster/${args.clusterName}`]: "shared" }));
    publicSubnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-public-${plan[i].zone}`, { subnetId: s.id, routeTableId: publicRoutes.id }, child));

    const natZones = args.natGateways === "per-zone" ? plan.map((p) => p.zone) : [plan[0].zone];
    const nats = natZones.map((zone) => {
      const eip = new aws.ec2.Eip(`${name}-nat-${zone}`, { domain: "vpc", tags: { Name: `${name}-nat-${zone}` } }, child);
      const publicSubnet = publicSubnets[plan.findIndex((p) => p.zone === zone)];
      return new aws.ec2.NatGateway(`${name}-nat-${zone}`, { allocationId: eip.id, subnetId: publicSubnet.id, tags: { Name: `${name}-nat-${zone}` } }, { parent: this, dependsOn: [igw] });
    });

    const privateSubnets = plan.map((p) => subnet("private", p.zone, p.private, { "kubernetes.io/role/internal-elb": "1", [`kubernetes.io/cluster/${args.clusterName}`]: "shared" }));
    const runner = args.runner ? new RunnerPeering(`${name}-runner`, { vpcId: this.vpc.id, vpcCidr: args.cidr, ...args.runner }, child) : undefined;
    // Routes stay inline: a route table with inline routes must not also get aws.ec2.Route resources, or each
    // overwrites the other (@pulumi/aws 7.48 ec2.RouteTable, "NOTE on Route Tables and Routes").
    const privateRoutes = plan.map((p, i) =>
      new aws.ec2.RouteTable(`${name}-private-${p.zone}`, {
        vpcId: this.vpc.id,
        routes: [
          // Each zone leaves through its own NAT gateway when there is one per zone.
          { cidrBlock: "0.0.0.0/0", natGatewayId: (nats[i] ?? nats[0]).id },
          // The EKS control plane's interfaces sit in these subnets and answer the runner over the peering.
          ...(runner ? [{ cidrBlock: runner.runnerCidr, vpcPeeringConnectionId: runner.connectionId }] : []),
        ],
        tags: { Name: `${name}-private-${p.zone}` },
      }, child),
    );
    const privateAssociations = privateSubnets.map((s, i) => new aws.ec2.RouteTableAssociation(`${name}-private-${plan[i].zone}`, { subnetId: s.id, routeTableId: privateRoutes[i].id }, child));

    const dataSubnets = plan.map((p) => subnet("data", p.zone, p.data, {}));
    const dataRoutes = new aws.ec2.RouteTable(`${name}-data`, { vpcId: this.vpc.id, tags: { Name: `${name}-data` } }, child);
    dataSubnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-data-${plan[i].zone}`, { subnetId: s.id, routeTableId: dataRoutes.id }, child));

    new aws.ec2.VpcEndpoint(`${name}-s3`, {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${args.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: privateRoutes.map((r) => r.id),
      tags: { Name: `${name}-s3` },
    }, child);

    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.dataSubnetIds = dataSubnets.map((s) => s.id);
    this.privateSubnetByZone = Object.fromEntries(plan.map((p, i) => [p.zone, privateSubnets[i].id]));
    this.privateRouteTableIds = privateRoutes.map((r) => r.id);
    this.runnerAccess = runner ? [...runner.ready, ...privateRoutes] : [];
    this.nodeEgressByZone = Object.fromEntries(plan.map((p, i) => [p.zone, [nats[i] ?? nats[0], privateRoutes[i], privateAssociations[i]]]));
    this.registerOutputs({ vpcId: this.vpc.id, privateSubnetIds: this.privateSubnetIds, dataSubnetIds: this.dataSubnetIds });
  }
}
