import { IngressAddress } from "../../components/azure/ingressAddress";
import type { IngressPort, StampContext } from "../../ports/adapter";
import type { AzureCluster } from "./cluster";
import type { AzureFoundation } from "./network";

/** The ingress address of a stamp, for the traffic port: Traffic Manager's endpoints point at it. */
export interface AzureIngress extends IngressPort {
  address: IngressAddress;
}

/**
 * The Service annotations of cloud-provider-azure that put the ingress controller's load balancer on the
 * stack's address (learn.microsoft.com/azure/aks/static-ip and cloud-provider-azure's "LoadBalancer
 * annotations", read 2026-12-01): the address by name in the stamp's resource group (`loadBalancerIP` is
 * deprecated for it), and the health probe on the controller's health endpoint instead of `/`, which the
 * controller answers with 404 (learn.microsoft.com/azure/aks/ingress-basic, read 2026-11-22).
 */
export function buildIngress(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, tags: Record<string, string>): AzureIngress {
  const address = new IngressAddress(`${ctx.prefix}-ingress`, {
    resourceGroupName: net.resourceGroup.name,
    resourceGroupId: net.resourceGroup.id,
    location: net.location,
    subscriptionId: ctx.facts.account,
    zones: ctx.zones,
    clusterPrincipalId: cluster.aks.controlPlanePrincipalId,
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
  return {
    serviceAnnotations: {
      "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
      "service.beta.kubernetes.io/azure-pip-name": address.name,
      "service.beta.kubernetes.io/azure-load-balancer-resource-group": net.resourceGroup.name,
    },
    serviceValues: {},
    addresses: address.ipAddress.apply((ip) => [ip]),
    // The role takes effect before the Service asks the control plane for the address.
    ready: [address.address, address.roleAssignment],
    address,
  };
}
