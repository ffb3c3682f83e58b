/**
 * How a region's /16 is cut on GCP. GKE is VPC-native: nodes take the subnet's primary range, pods and
 * Services take secondary ranges of the same subnet, and Cloud SQL and Memorystore are reached through an
 * allocated range for private services access; the control plane's internal endpoint gets a small subnet of its
 * own. Keeping every range inside the region's /16 means the regions of a multi-region pattern (10.40/16,
 * 10.41/16, ...) never overlap when they are peered, with each other or with the network `pulumi up` runs in.
 *
 *   x.y.0.0/20      nodes (4,094 addresses; subnets span every zone of a region on GCP)
 *   x.y.16.0/20     Services (ClusterIPs)
 *   x.y.32.0/20     private services access (Cloud SQL, Memorystore)
 *   x.y.48.0 - x.y.63.239  free: proxy-only subnet for internal load balancers, Private Service Connect endpoints
 *   x.y.63.240/28   the control plane's endpoint subnet (Private Service Connect), the range the webhook
 *                   firewall rule admits as the control plane's
 *   x.y.64.0/18     free
 *   x.y.128.0/17    pods
 */
export interface AddressPlan {
  nodes: string;
  services: string;
  pods: string;
  /** The allocated range for private services access: its first address and prefix length. */
  privateServices: { address: string; prefixLength: number; cidr: string };
  /**
   * The subnet GKE takes the control plane's internal endpoint from (`privateEndpointSubnetwork`). A /28, the
   * size GKE asks of a control-plane range (provider docs, `privateClusterConfig.masterIpv4CidrBlock`: "it must
   * be a /28 subnet", @pulumi/gcp 9.37, read 2026-12-01); the last /28 of the free /20 leaves the larger
   * aligned blocks before it free.
   */
  controlPlane: string;
  /** How many nodes the pod range holds at the given pods-per-node. */
  maxNodes: number;
}

const PODS_PREFIX = 17;

/**
 * Nodes a pod range holds: GKE gives each node a block of twice its maximum pods, rounded up to a power of two
 * (GKE "Optimize IP address allocation", read 2026-11-22), e.g. 64 pods -> /25 per node.
 */
export function nodesInPodRange(podsPrefix: number, maxPodsPerNode: number): number {
  const perNodePrefix = 32 - Math.ceil(Math.log2(2 * maxPodsPerNode));
  return perNodePrefix < podsPrefix ? 0 : 2 ** (perNodePrefix - podsPrefix);
}

export function planAddresses(regionCidr: string, maxPodsPerNode: number): AddressPlan {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(regionCidr);
  if (!m) throw new Error(`expected a /16 network such as 10.40.0.0/16, got ${regionCidr}`);
  const base = `${m[1]}.${m[2]}`;
  return {
    nodes: `${base}.0.0/20`,
    services: `${base}.16.0/20`,
    pods: `${base}.128.0/${PODS_PREFIX}`,
    privateServices: { address: `${base}.32.0`, prefixLength: 20, cidr: `${base}.32.0/20` },
    controlPlane: `${base}.63.240/28`,
    maxNodes: nodesInPodRange(PODS_PREFIX, maxPodsPerNode),
  };
}
