import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, regionOf, stackRule } from "../kit";
import { aksPools } from "../nodePools";
import { CLUSTERS, T } from "../types";
import { isPeerRange, publicRangesProblem } from "./addresses";
import { azureVnetKey, azureVnetKeyOf, sameGcpNetwork } from "./networks";

/**
 * Why no runner can reach a cluster's API, one reason per way in; empty when one way works. The same
 * `pulumi up` that creates the cluster then installs storage classes and Helm releases through its API, so an
 * unreachable API fails the run half-way, after the protected databases exist.
 */
type Reasons = string[];

/** How a cluster's public endpoint fares: reachable (undefined), open to everyone, or closed with a reason. */
function judgePublic(ranges: string[], whenEmpty: "no one" | "everyone"): { reachable: boolean; reason?: string; openToEveryone?: boolean } {
  const problem = publicRangesProblem(ranges, whenEmpty);
  if (problem === undefined) return { reachable: true };
  return { reachable: problem.openToEveryone, reason: problem.reason, openToEveryone: problem.openToEveryone };
}

/** The outcome for one cluster: a public side judged first, then the private path when the public side fails. */
function verdict(publicSide: { reachable: boolean; reason?: string; openToEveryone?: boolean } | { off: string }, privatePath: () => string | undefined): Reasons {
  if ("off" in publicSide) {
    const privateProblem = privatePath();
    return privateProblem === undefined ? [] : [publicSide.off, `private endpoint: ${privateProblem}`];
  }
  if (publicSide.openToEveryone) return [`public endpoint: ${publicSide.reason}; allow only the runner's egress address`];
  if (publicSide.reachable) return [];
  const privateProblem = privatePath();
  return privateProblem === undefined ? [] : [`public endpoint: ${publicSide.reason}`, `private endpoint: ${privateProblem}`];
}

/** Security group rules that admit a source range on TCP 443 into a security group. */
function admits443(resources: PolicyResource[], securityGroupId: string, ownRanges: string[]): boolean {
  const tcp = (protocol: unknown) => ["tcp", "6", "-1", "all"].includes(String(protocol).toLowerCase());
  const covers = (protocol: unknown, from: unknown, to: unknown) => String(protocol) === "-1" || String(protocol).toLowerCase() === "all" || (Number(from) <= 443 && 443 <= Number(to));
  const modern = ofTypes(resources, [T.aws.securityGroupIngressRule]).some(
    (r) => r.props.securityGroupId === securityGroupId && tcp(r.props.ipProtocol) && covers(r.props.ipProtocol, r.props.fromPort, r.props.toPort) && typeof r.props.cidrIpv4 === "string" && isPeerRange(r.props.cidrIpv4, ownRanges),
  );
  const legacy = ofTypes(resources, [T.aws.securityGroupRule]).some(
    (r) =>
      r.props.type === "ingress" &&
      r.props.securityGroupId === securityGroupId &&
      tcp(r.props.protocol) &&
      covers(r.props.protocol, r.props.fromPort, r.props.toPort) &&
      ((r.props.cidrBlocks as string[] | undefined) ?? []).some((c) => isPeerRange(c, ownRanges)),
  );
  return modern || legacy;
}

/** EKS with a private endpoint: a peering of the cluster's VPC that is accepted, and 443 open to the peer. */
function eksPrivatePath(cluster: PolicyResource, resources: PolicyResource[]): string | undefined {
  const vpcConfig = get(cluster.props, "vpcConfig") ?? {};
  if (vpcConfig.endpointPrivateAccess !== true) return "off (vpcConfig.endpointPrivateAccess is not true)";
  const subnetIds = (vpcConfig.subnetIds as string[] | undefined) ?? [];
  const vpcId = vpcConfig.vpcId ?? ofTypes(resources, [T.aws.subnet]).find((s) => subnetIds.includes(s.props.id))?.props.vpcId;
  const peerings = ofTypes(resources, [T.aws.vpcPeering]).filter((p) => vpcId !== undefined && (p.props.vpcId === vpcId || p.props.peerVpcId === vpcId));
  if (peerings.length === 0) return `no VPC peering connects the cluster's VPC${vpcId ? ` ${vpcId}` : ""} with the network pulumi up runs in`;
  const region = regionOf(cluster);
  const accepted = peerings.filter(
    (p) =>
      ofTypes(resources, [T.aws.vpcPeeringAccepter]).some((a) => a.props.vpcPeeringConnectionId === p.props.id) ||
      // autoAccept works only when both VPCs are in the same account and region.
      (p.props.autoAccept === true && (p.props.peerRegion === undefined || p.props.peerRegion === region)),
  );
  if (accepted.length === 0) return "the VPC peering is never accepted: set autoAccept (same account and region) or add a VpcPeeringConnectionAccepter";
  const ownRanges = ofTypes(resources, [T.aws.vpc]).filter((v) => v.props.id === vpcId).map((v) => String(v.props.cidrBlock));
  const securityGroupId = String(vpcConfig.clusterSecurityGroupId ?? "");
  if (!admits443(resources, securityGroupId, ownRanges)) return `no ingress rule admits the peered network's range on TCP 443 into the cluster security group${securityGroupId ? ` ${securityGroupId}` : ""}`;
  return undefined;
}

function eksReasons(cluster: PolicyResource, resources: PolicyResource[]): Reasons {
  const vpcConfig = get(cluster.props, "vpcConfig") ?? {};
  // AWS defaults: the public endpoint is on, and open to 0.0.0.0/0 when no CIDR is given.
  const publicSide =
    vpcConfig.endpointPublicAccess === false
      ? { off: "public endpoint: off (vpcConfig.endpointPublicAccess is false)" }
      : judgePublic((vpcConfig.publicAccessCidrs as string[] | undefined) ?? [], "everyone");
  return verdict(publicSide, () => eksPrivatePath(cluster, resources));
}

/** The virtual networks an AKS cluster's nodes and API server sit in. */
function aksVnets(cluster: PolicyResource, resources: PolicyResource[]): Set<string> {
  const subnets = [
    get(cluster.props, "apiServerAccessProfile.subnetId"),
    ...aksPools(cluster, resources).map((p) => p.props.vnetSubnetID),
  ];
  return new Set(subnets.map(azureVnetKey).filter((k): k is string => k !== undefined));
}

/** Peerings between two sets of virtual networks, in both directions: one side alone stays "Initiated". */
function azurePeered(resources: PolicyResource[], ours: Set<string>, theirs: Set<string>): { forward: boolean; back: boolean } {
  const peerings = ofTypes(resources, [T.azure.virtualNetworkPeering]).map((p) => ({
    local: azureVnetKeyOf(p.props.resourceGroupName, p.props.virtualNetworkName),
    remote: azureVnetKey(get(p.props, "remoteVirtualNetwork.id")),
  }));
  return {
    forward: peerings.some((p) => p.local !== undefined && ours.has(p.local) && p.remote !== undefined && theirs.has(p.remote)),
    back: peerings.some((p) => p.local !== undefined && theirs.has(p.local) && p.remote !== undefined && ours.has(p.remote)),
  };
}

function peeringProblem(peered: { forward: boolean; back: boolean }, what: string): string | undefined {
  if (peered.forward && peered.back) return undefined;
  if (!peered.forward && !peered.back) return `no virtual network peering connects the cluster's network with ${what}`;
  return `the peering with ${what} exists in one direction only, and stays "Initiated" until the other side peers back`;
}

/** A private AKS cluster: a DNS zone the runner network resolves, and a peering to that network. */
function aksPrivatePath(cluster: PolicyResource, resources: PolicyResource[]): string | undefined {
  const profile = get(cluster.props, "apiServerAccessProfile") ?? {};
  const ours = aksVnets(cluster, resources);
  const zone = String(profile.privateDNSZone ?? "system");
  if (zone.toLowerCase() === "system") {
    const locked = get(cluster.props, "nodeResourceGroupProfile.restrictionLevel") === "ReadOnly" ? ", which restrictionLevel ReadOnly locks," : "";
    return `privateDNSZone "system" puts the API's DNS zone in the node resource group${locked} where this stack cannot link it to the runner's network; give a private DNS zone of this stack, linked to the runner's network`;
  }
  if (zone.toLowerCase() === "none") {
    if (profile.enablePrivateClusterPublicFQDN !== true) return 'privateDNSZone "none" without enablePrivateClusterPublicFQDN leaves the API with no name any network can resolve';
    const peeredVnets = new Set(
      ofTypes(resources, [T.azure.virtualNetworkPeering])
        .filter((p) => ours.has(azureVnetKeyOf(p.props.resourceGroupName, p.props.virtualNetworkName) ?? ""))
        .map((p) => azureVnetKey(get(p.props, "remoteVirtualNetwork.id")))
        .filter((k): k is string => k !== undefined && !ours.has(k)),
    );
    return peeringProblem(azurePeered(resources, ours, peeredVnets), "the network pulumi up runs in");
  }
  const privateZone = ofTypes(resources, [T.azure.privateZone]).find((z) => String(z.props.id ?? "").toLowerCase() === zone.toLowerCase());
  if (!privateZone) return `privateDNSZone ${zone} is not a private DNS zone of this stack, so nothing shows the runner's network can resolve the API`;
  const zoneName = String(privateZone.props.name ?? privateZone.props.privateZoneName ?? "").toLowerCase();
  const linked = new Set(
    ofTypes(resources, [T.azure.privateZoneLink])
      .filter((l) => String(l.props.privateZoneName ?? "").toLowerCase() === zoneName && String(l.props.resourceGroupName ?? "").toLowerCase() === String(privateZone.props.resourceGroupName ?? "").toLowerCase())
      .map((l) => azureVnetKey(get(l.props, "virtualNetwork.id")))
      .filter((k): k is string => k !== undefined && !ours.has(k)),
  );
  if (linked.size === 0) return `the private DNS zone ${zoneName} is linked to no network other than the cluster's, so the runner cannot resolve the API`;
  return peeringProblem(azurePeered(resources, ours, linked), "the network the zone is linked to");
}

function aksReasons(cluster: PolicyResource, resources: PolicyResource[]): Reasons {
  const profile = get(cluster.props, "apiServerAccessProfile") ?? {};
  if (profile.enablePrivateCluster === true) {
    const problem = aksPrivatePath(cluster, resources);
    return problem === undefined ? [] : ["public endpoint: off (apiServerAccessProfile.enablePrivateCluster is true)", `private endpoint: ${problem}`];
  }
  return verdict(judgePublic((profile.authorizedIPRanges as string[] | undefined) ?? [], "everyone"), () => "off (apiServerAccessProfile.enablePrivateCluster is not true)");
}

/** A GKE private endpoint: peerings both ways with another network, whose range is an authorized network. */
function gkePrivatePath(cluster: PolicyResource, resources: PolicyResource[]): string | undefined {
  if (get(cluster.props, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled") === false) return "off (controlPlaneEndpointsConfig.ipEndpointsConfig.enabled is false)";
  const network = cluster.props.network;
  const peerings = ofTypes(resources, [T.gcp.networkPeering]);
  const peers = peerings.filter((p) => sameGcpNetwork(p.props.network, network)).map((p) => p.props.peerNetwork);
  if (peers.length === 0) return "no network peering connects the cluster's network with the network pulumi up runs in";
  const back = peers.some((peer) => peerings.some((p) => sameGcpNetwork(p.props.network, peer) && sameGcpNetwork(p.props.peerNetwork, network)));
  if (!back) return "the network peering exists from the cluster's side only; it stays INACTIVE until the runner's network peers back";
  const authorized = cluster.props.masterAuthorizedNetworksConfig;
  // Without authorized networks every internal address that can route to the endpoint is admitted.
  if (authorized === undefined || authorized === null) return undefined;
  const ownRanges = ofTypes(resources, [T.gcp.subnetwork])
    .filter((s) => sameGcpNetwork(s.props.network, network))
    .flatMap((s) => [s.props.ipCidrRange, ...((s.props.secondaryIpRanges as any[] | undefined) ?? []).map((r) => r.ipCidrRange)])
    .map(String);
  const blocks = ((authorized.cidrBlocks as any[] | undefined) ?? []).map((b) => String(b.cidrBlock));
  if (!blocks.some((b) => isPeerRange(b, ownRanges))) return "masterAuthorizedNetworksConfig.cidrBlocks holds no range of the peered network, so the endpoint refuses the runner";
  return undefined;
}

function gkeReasons(cluster: PolicyResource, resources: PolicyResource[]): Reasons {
  // The DNS-based endpoint is authorised by IAM and reachable wherever Google credentials are.
  if (get(cluster.props, "controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic") === true) return [];
  const ipEndpoints = get(cluster.props, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled") !== false;
  const dns = "DNS endpoint: off (controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic is not true)";
  if (!ipEndpoints || get(cluster.props, "privateClusterConfig.enablePrivateEndpoint") === true) {
    const problem = gkePrivatePath(cluster, resources);
    return problem === undefined ? [] : [dns, "public endpoint: off (privateClusterConfig.enablePrivateEndpoint is true)", `private endpoint: ${problem}`];
  }
  const authorized = cluster.props.masterAuthorizedNetworksConfig;
  const publicSide =
    authorized === undefined || authorized === null
      ? { reachable: true, openToEveryone: true, reason: "masterAuthorizedNetworksConfig is not set, so anyone on the internet can reach the API" }
      : judgePublic(((authorized.cidrBlocks as any[] | undefined) ?? []).map((b) => String(b.cidrBlock)), "no one");
  const reasons = verdict(publicSide, () => gkePrivatePath(cluster, resources));
  return reasons.length === 0 || publicSide.openToEveryone ? reasons : [dns, ...reasons];
}

const REASONS: Record<(typeof CLUSTERS)[number], (c: PolicyResource, resources: PolicyResource[]) => Reasons> = {
  [T.aws.eksCluster]: eksReasons,
  [T.azure.aks]: aksReasons,
  [T.gcp.gke]: gkeReasons,
};

export const clusterApiRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-reach-cluster-api",
    description: "The Kubernetes API of every cluster the stack creates is reachable from where pulumi up runs, and only from there.",
    severity: "critical",
    enforcementLevel: "mandatory",
    source:
      "Deployability: the run that creates the cluster installs storage classes and Helm releases through its API. Provider docs: EKS cluster endpoint access control and aws_vpc_peering_connection autoAccept (same account and region only); AKS private clusters (learn.microsoft.com/azure/aks/private-clusters, read 2026-12-01) and API server authorized IP ranges; GKE control plane access and the DNS-based endpoint; VNet and VPC Network peerings carry traffic only once both sides are peered",
    remediationSteps:
      "Set dalp:cluster.apiAccess: {mode: public, cidrs: [<the runner's public egress address>/32]}; on GKE {mode: dns}; or {mode: private, runnerNetwork: {id, cidr}} so the stack peers the cluster's network with the runner's (both directions, accepted) and opens TCP 443 from the runner's range. On AKS a private cluster needs a private DNS zone of the stack linked to the runner's network, not privateDNSZone \"system\".",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, CLUSTERS);
    if (clusters.length === 0) args.notApplicable("no managed Kubernetes cluster in the stack");
    for (const c of clusters) {
      const reasons = REASONS[c.type as (typeof CLUSTERS)[number]](c, args.resources);
      if (reasons.length > 0) report(`${c.type} ${c.name}: ${reasons.join("; ")}.`, c.urn);
    }
  },
);
