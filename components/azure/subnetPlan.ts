/**
 * How a region's /16 is cut on Azure. Azure subnets are regional, but NAT gateways are zonal: a zone-resilient
 * egress needs one subnet per zone, each behind its own zone's NAT gateway, with that zone's node pools in it
 * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones, read 2026-11-22). With Azure CNI Overlay
 * pods take addresses from a private overlay range, not from the subnet, so a /20 per zone (4,091 nodes and
 * internal load-balancer front ends) is ample. The data and control subnets sit at the top of the range.
 */
export interface AzureSubnetPlan {
  /** Node subnet per zone, in zone order. */
  nodes: Array<{ zone: string; cidr: string }>;
  /** Delegated to PostgreSQL Flexible Server (it needs a subnet of its own). */
  postgres: string;
  /** Private endpoints of the cache and storage account. */
  endpoints: string;
  /**
   * API Server VNet Integration: AKS projects the API server's internal load balancer here; /28 is the
   * minimum (learn.microsoft.com/azure/aks/api-server-vnet-integration, read 2026-11-22).
   */
  apiServer: string;
}

/** Addresses from which Kubernetes gives pod and service IPs; never routed in the VNet, so any stamp may reuse them. */
export const OVERLAY_RANGES = { pods: "192.168.0.0/16", services: "172.16.0.0/16", dnsService: "172.16.0.10" } as const;

export function planAzureSubnets(vnetCidr: string, zones: string[]): AzureSubnetPlan {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(vnetCidr);
  if (!m) throw new Error(`expected a /16 network such as 10.40.0.0/16, got ${vnetCidr}`);
  // Fourteen /20s fit below the reserved top; Azure regions have at most three zones.
  if (zones.length > 14) throw new Error(`at most 14 zones fit the subnet plan, got ${zones.length}`);
  const base = `${m[1]}.${m[2]}`;
  return {
    nodes: zones.map((zone, i) => ({ zone, cidr: `${base}.${i * 16}.0/20` })),
    postgres: `${base}.240.0/24`,
    endpoints: `${base}.241.0/24`,
    apiServer: `${base}.242.0/28`,
  };
}
