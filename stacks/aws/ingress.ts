import { IngressAddresses } from "../../components/aws/ingressAddresses";
import type { IngressPort, StampContext } from "../../ports/adapter";
import type { AwsFoundation } from "./network";

/**
 * The region's public entry: an internet-facing Network Load Balancer across every zone's public subnet, built
 * by the EKS cloud controller (the AWS cloud provider's service controller: type "nlb"; it reads the cross-zone
 * annotation and makes the NLB internet-facing unless told "internal", cloud-provider-aws
 * pkg/providers/v1/aws_loadbalancer.go). The scheme is spelt out too: the AWS Load Balancer Controller, if an
 * operator installs it later, can take over new Services (its service mutator webhook) and builds internal
 * NLBs unless told otherwise (its docs, guide/service/nlb.md, "secure by default").
 *
 * The NLB answers on Elastic IPs the stack reserves, one per zone, named in the same controller's
 * `aws-load-balancer-eip-allocations` annotation: it maps them onto the subnets it discovers (the public
 * subnets tagged for this cluster, one per zone) and refuses the load balancer unless there are exactly as
 * many ("Must have same number of EIP AllocationIDs (%d) and SubnetIDs (%d)", ensureLoadBalancerv2, read
 * 2026-12-01). It reads them when it creates the NLB only: a changed list takes a new Service.
 */
export function buildIngress(ctx: StampContext, net: AwsFoundation): IngressPort {
  const addresses = new IngressAddresses(`${ctx.prefix}-ingress`, { zones: ctx.zones }, { parent: ctx.parent, providers: [net.provider] });
  return {
    serviceAnnotations: {
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
      "service.beta.kubernetes.io/aws-load-balancer-eip-allocations": addresses.allocationIds.apply((ids) => ids.join(",")),
    },
    serviceValues: {},
    addresses: addresses.publicIps,
    ready: addresses.eips,
  };
}

