import * as compute from "@pulumi/gcp/compute";
import * as pulumi from "@pulumi/pulumi";

export interface IngressAddressArgs {
  region: string;
}

/**
 * The region's public IPv4 address, reserved by the stack for the ingress controller's load balancer. DNS (the
 * failover record set, or the operator's record on cloud-native) points at it; a new Service, a recreated cluster
 * or a configuration change must not give the region another one. So it is `protect`ed and the provider refuses to
 * delete it (`deletionPolicy: PREVENT`), although it holds no data.
 */
export class IngressAddress extends pulumi.ComponentResource {
  readonly address: compute.Address;

  constructor(name: string, args: IngressAddressArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:IngressAddress", name, {}, opts);
    this.address = new compute.Address(`${name}-address`, {
      region: args.region,
      // A regional external passthrough Network Load Balancer takes a regional EXTERNAL address of its own region
      // (GKE "LoadBalancer Service parameters": spec.loadBalancerIP, read 2026-12-01); Premium Tier is the default
      // and what the backend service-based load balancer is documented with.
      addressType: "EXTERNAL",
      networkTier: "PREMIUM",
      ipVersion: "IPV4",
      description: "DALP ingress: the regional load balancer of the ingress controller",
      deletionPolicy: "PREVENT",
    }, { parent: this, protect: true });
    this.registerOutputs({ address: this.address.address });
  }
}
