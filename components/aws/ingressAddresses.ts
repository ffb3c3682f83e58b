import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface IngressAddressesArgs {
  /** The zones whose public subnets the load balancer spans: one address each. */
  zones: string[];
}

/**
 * The region's public IPv4 addresses, reserved by the stack before the load balancer exists: one Elastic IP per
 * zone, for the Network Load Balancer's subnet mappings. DNS points at them, so they outlive the load balancer
 * and the Service: `protect` keeps a configuration change from releasing one, which would give the address
 * back to AWS for good and leave the records pointing at somebody else's.
 */
export class IngressAddresses extends pulumi.ComponentResource {
  readonly eips: aws.ec2.Eip[];
  readonly allocationIds: pulumi.Output<string[]>;
  readonly publicIps: pulumi.Output<string[]>;

  constructor(name: string, args: IngressAddressesArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:IngressAddresses", name, {}, opts);
    this.eips = args.zones.map((zone) =>
      new aws.ec2.Eip(`${name}-${zone}`, { domain: "vpc", tags: { Name: `${name}-${zone}`, purpose: "dalp-ingress" } }, { parent: this, protect: true }),
    );
    this.allocationIds = pulumi.all(this.eips.map((e) => e.allocationId));
    this.publicIps = pulumi.all(this.eips.map((e) => e.publicIp));
    this.registerOutputs({ publicIps: this.publicIps });
  }
}
