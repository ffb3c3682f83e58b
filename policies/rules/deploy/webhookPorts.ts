import type { PolicyResource } from "@pulumi/policy";
import { isCidr, overlaps } from "../../../lib/cidr";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { T } from "../types";
import { lastSegment, sameGcpNetwork } from "./networks";

/**
 * Pod ports the control plane calls admission webhooks on: ingress-nginx's admission controller (8443), every
 * controller-runtime webhook such as cert-manager's or the AWS Load Balancer Controller's (9443), Istio's
 * sidecar injector (15017). terraform-google-modules/kubernetes-engine opens exactly these from the control
 * plane to private nodes (modules/private-cluster variables.tf `firewall_inbound_ports`, default
 * ["8443", "9443", "15017"], read 2026-12-01).
 */
export const WEBHOOK_PORTS = [8443, 9443, 15017] as const;
/** The kubelet, which `kubectl logs` and `exec` reach through the control plane. */
const KUBELET_PORT = 10250;

const TCP = ["tcp", "6", "all", "-1"];

function portInSpec(spec: string | number, port: number): boolean {
  const [from, to] = String(spec).split("-").map(Number);
  return to === undefined ? from === port : from <= port && port <= to;
}

function contains(outer: string, inner: string): boolean {
  return isCidr(outer) && isCidr(inner) && overlaps(outer, inner) && Number(outer.split("/")[1]) <= Number(inner.split("/")[1]);
}

// ---- GKE: private nodes are reached by the control plane on 443 and 10250 only, unless a firewall rule says more.

/** A firewall rule's allows let TCP `port` through. */
function allowsTcp(firewall: PolicyResource, port: number): boolean {
  return ((firewall.props.allows as any[] | undefined) ?? []).some(
    (a) => TCP.includes(String(a.protocol).toLowerCase()) && (!Array.isArray(a.ports) || a.ports.length === 0 || a.ports.some((p: string) => portInSpec(p, port))),
  );
}

interface GkePool {
  name: string;
  serviceAccount?: string;
  tags: string[];
  /** The pool's nodes have no public address, so only the firewall lets the control plane in. */
  privateNodes: boolean;
}

function gkePools(cluster: PolicyResource, resources: PolicyResource[]): GkePool[] {
  const clusterPrivate = get(cluster.props, "privateClusterConfig.enablePrivateNodes") === true;
  const pools = ofTypes(resources, [T.gcp.nodePool]).filter((p) => lastSegment(p.props.cluster) === String(cluster.props.name));
  const of = (name: string, nodeConfig: Record<string, any> | undefined, own: unknown): GkePool => ({
    name,
    serviceAccount: nodeConfig?.serviceAccount,
    tags: (nodeConfig?.tags as string[] | undefined) ?? [],
    // A pool may set its own networkConfig.enablePrivateNodes, over the cluster's.
    privateNodes: own === true || (own !== false && clusterPrivate),
  });
  if (pools.length > 0) return pools.map((p) => of(p.name, get(p.props, "nodeConfig"), get(p.props, "networkConfig.enablePrivateNodes")));
  return [of(`${cluster.name} (default pool)`, get(cluster.props, "nodeConfig"), undefined)];
}

/** The firewall rule reaches the pool's nodes: no target at all, its service account, or one of its tags. */
function targets(firewall: PolicyResource, pool: GkePool): boolean {
  const accounts = (firewall.props.targetServiceAccounts as string[] | undefined) ?? [];
  const tags = (firewall.props.targetTags as string[] | undefined) ?? [];
  if (accounts.length === 0 && tags.length === 0) return true;
  return (pool.serviceAccount !== undefined && accounts.includes(pool.serviceAccount)) || tags.some((t) => pool.tags.includes(t));
}

/** The control plane's address range: the peering range, or the subnetwork of a Private Service Connect endpoint. */
function controlPlaneRange(cluster: PolicyResource, resources: PolicyResource[]): string | undefined {
  const block = get(cluster.props, "privateClusterConfig.masterIpv4CidrBlock");
  if (typeof block === "string" && block !== "") return block;
  const endpointSubnet = get(cluster.props, "privateClusterConfig.privateEndpointSubnetwork");
  if (typeof endpointSubnet !== "string" || endpointSubnet === "") return undefined;
  const subnet = ofTypes(resources, [T.gcp.subnetwork]).find((s) => [s.props.id, s.props.selfLink, s.props.name].some((ref) => ref !== undefined && lastSegment(ref) === lastSegment(endpointSubnet)));
  return subnet ? String(subnet.props.ipCidrRange) : undefined;
}

function gkeProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const pools = gkePools(cluster, resources).filter((p) => p.privateNodes);
  if (pools.length === 0) return [];
  const source = controlPlaneRange(cluster, resources);
  const firewalls = ofTypes(resources, [T.gcp.firewall]).filter(
    (f) =>
      sameGcpNetwork(f.props.network, cluster.props.network) &&
      String(f.props.direction ?? "INGRESS").toUpperCase() === "INGRESS" &&
      f.props.disabled !== true &&
      // Without a known control-plane range (GKE picks it), any named source range is taken as the control plane's.
      ((f.props.sourceRanges as string[] | undefined) ?? []).some((r) => (source === undefined ? true : contains(r, source))),
  );
  const problems: string[] = [];
  for (const pool of pools) {
    const closed = WEBHOOK_PORTS.filter((port) => !firewalls.some((f) => allowsTcp(f, port) && targets(f, pool)));
    if (closed.length > 0) problems.push(`TCP ${closed.join(", ")} closed from the control plane${source ? ` (${source})` : ""} to node pool ${pool.name}`);
  }
  return problems;
}

// ---- EKS: managed nodes carry the cluster security group, which admits the control plane on every port, unless
// a launch template names security groups of its own.

interface SecurityGroupRuleView {
  target: string;
  source: string;
  protocol: string;
  from: number;
  to: number;
}

/** Every security-group-to-security-group ingress rule of the stack, whichever resource declares it. */
function groupIngress(resources: PolicyResource[]): SecurityGroupRuleView[] {
  const rules: SecurityGroupRuleView[] = [];
  for (const r of ofTypes(resources, [T.aws.securityGroupIngressRule])) {
    if (r.props.referencedSecurityGroupId) rules.push({ target: r.props.securityGroupId, source: r.props.referencedSecurityGroupId, protocol: String(r.props.ipProtocol), from: Number(r.props.fromPort), to: Number(r.props.toPort) });
  }
  for (const r of ofTypes(resources, [T.aws.securityGroupRule])) {
    if (r.props.type === "ingress" && r.props.sourceSecurityGroupId) rules.push({ target: r.props.securityGroupId, source: r.props.sourceSecurityGroupId, protocol: String(r.props.protocol), from: Number(r.props.fromPort), to: Number(r.props.toPort) });
  }
  for (const g of ofTypes(resources, [T.aws.securityGroup])) {
    for (const rule of (g.props.ingress as any[] | undefined) ?? []) {
      for (const source of (rule.securityGroups as string[] | undefined) ?? []) rules.push({ target: g.props.id, source, protocol: String(rule.protocol), from: Number(rule.fromPort), to: Number(rule.toPort) });
    }
  }
  return rules;
}

const opens = (rule: SecurityGroupRuleView, port: number) => ["-1", "all"].includes(rule.protocol.toLowerCase()) || (TCP.includes(rule.protocol.toLowerCase()) && rule.from <= port && port <= rule.to);

function eksProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const clusterGroup = get(cluster.props, "vpcConfig.clusterSecurityGroupId");
  const controlPlaneGroups = [clusterGroup, ...((get(cluster.props, "vpcConfig.securityGroupIds") as string[] | undefined) ?? [])].filter((g) => typeof g === "string");
  const problems: string[] = [];
  for (const group of ofTypes(resources, [T.aws.eksNodeGroup]).filter((g) => g.props.clusterName === cluster.props.name && g.props.launchTemplate)) {
    const ref = group.props.launchTemplate as { id?: string; name?: string };
    const template = ofTypes(resources, [T.aws.launchTemplate]).find((t) => (ref.id !== undefined && t.props.id === ref.id) || (ref.name !== undefined && t.props.name === ref.name));
    if (!template) continue;
    const nodeGroups = [
      ...((template.props.vpcSecurityGroupIds as string[] | undefined) ?? []),
      ...((template.props.networkInterfaces as any[] | undefined) ?? []).flatMap((n) => (n.securityGroups as string[] | undefined) ?? []),
    ];
    // No security group in the template: EKS attaches the cluster security group itself.
    if (nodeGroups.length === 0 || nodeGroups.includes(clusterGroup)) continue;
    const ingress = groupIngress(resources).filter((r) => nodeGroups.includes(r.target) && controlPlaneGroups.includes(r.source));
    const closed = [KUBELET_PORT, ...WEBHOOK_PORTS].filter((port) => !ingress.some((r) => opens(r, port)));
    if (closed.length > 0) problems.push(`node group ${group.name}'s launch template replaces the cluster security group, and TCP ${closed.join(", ")} stay closed from the control plane`);
  }
  return problems;
}

export const webhookPortsRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-open-webhook-ports",
    description: "The control plane can reach admission webhooks and the kubelet on nodes whose network it does not open by itself.",
    severity: "high",
    enforcementLevel: "mandatory",
    source:
      "Deployability: a webhook with failurePolicy Fail that the API server cannot reach times out every create, so the Helm release rolls back. GKE private clusters admit the control plane on 443 and 10250 only (GKE private clusters: adding firewall rules for specific use cases; terraform-google-modules/kubernetes-engine firewall_inbound_ports 8443, 9443, 15017). EKS: a launch template with its own security groups drops the cluster security group (terraform-aws-modules/eks node security group rules 10250 and the webhook ports). AKS reaches nodes through its konnectivity tunnel",
    remediationSteps:
      "GKE: a gcp.compute.Firewall on the cluster's network, direction INGRESS, allowing TCP 8443, 9443 and 15017 from privateClusterConfig.masterIpv4CidrBlock to the node pools' service account. EKS: keep the cluster security group on nodes (no security groups in the launch template), or open TCP 10250, 8443, 9443 and 15017 into the node security group from the cluster security group.",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, [T.gcp.gke, T.aws.eksCluster]);
    if (clusters.length === 0) args.notApplicable("no GKE or EKS cluster in the stack (AKS reaches nodes through its konnectivity tunnel)");
    for (const c of clusters) {
      const problems = c.type === T.gcp.gke ? gkeProblems(c, args.resources) : eksProblems(c, args.resources);
      if (problems.length > 0) report(`${c.type} ${c.name}: ${problems.join("; ")}; admission webhooks on those ports time out.`, c.urn);
    }
  },
);
