import * as pulumi from "@pulumi/pulumi";
import { IngressAddress } from "../../components/gcp/ingressAddress";
import type { IngressPort, StampContext } from "../../ports/adapter";
import type { GcpFoundation } from "./network";

/**
 * The region's public entry: a reserved regional address and a backend service-based external passthrough Network
 * Load Balancer on it, one forwarding rule for the region with health-checked backends in every zone (GKE "Create a
 * backend service-based external load balancer", read 2026-11-22). GKE takes the reserved address from the
 * Service's `spec.loadBalancerIP` for external LoadBalancer Services ("LoadBalancer Service parameters", read
 * 2026-12-01); the address must exist before the Service asks for it, or the load balancer stays pending.
 */
export function buildIngress(ctx: StampContext, net: GcpFoundation): IngressPort {
  const reserved = new IngressAddress(`${ctx.prefix}-ingress`, { region: ctx.stamp.region }, { parent: ctx.parent, providers: [net.provider] });
  return {
    serviceAnnotations: { "cloud.google.com/l4-rbs": "enabled" },
    serviceValues: { loadBalancerIP: reserved.address.address },
    addresses: pulumi.output([reserved.address.address]),
    ready: [reserved.address],
  };
}
