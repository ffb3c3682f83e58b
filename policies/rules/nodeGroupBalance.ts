import type { PolicyResource } from "@pulumi/policy";
import { chartName, valuesOf } from "./helm";
import { DalpPolicy, get, ofTypes, stackRule } from "./kit";
import { aksPools, reserved } from "./nodePools";
import { T } from "./types";

/**
 * Labels the cluster autoscaler leaves out when it compares node groups for balance-similar-node-groups
 * (kubernetes/autoscaler cluster-autoscaler/processors/nodegroupset: compare_nodegroups.go BasicIgnoredLabels,
 * aws_nodegroups.go, azure_nodegroups.go; read 2026-12-01). Any other label that differs makes two groups
 * "not similar", and every scale-up then lands in whichever one the expander picks.
 */
const BASIC_IGNORED = [
  "kubernetes.io/hostname",
  "failure-domain.beta.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region",
  "topology.kubernetes.io/zone",
  "topology.kubernetes.io/region",
  "beta.kubernetes.io/fluentd-ds-ready",
  "kops.k8s.io/instancegroup",
  "topology.ebs.csi.aws.com/zone",
  "topology.gke.io/zone",
  "topology.disk.csi.azure.com/zone",
];
const AWS_IGNORED = ["alpha.eksctl.io/instance-id", "alpha.eksctl.io/nodegroup-name", "eks.amazonaws.com/nodegroup", "k8s.amazonaws.com/eniConfig", "lifecycle"];
const AZURE_IGNORED = ["agentpool"];

/**
 * A label EKS puts on every node from Kubernetes 1.30, whose value is the zone's id, so it differs between
 * per-zone groups unless the autoscaler is told to ignore it. Source: the EKS user guide's Kubernetes versions
 * page, as cited beside the AWS adapter's autoscaler values (components/aws/eksClusterAddons.ts, read there
 * 2026-12-01); the AWS comparator above does not list it.
 */
const EKS_ZONE_ID_LABEL = "topology.k8s.aws/zone-id";
const addsZoneIdLabel = (version: unknown) => {
  const [major, minor] = String(version ?? "").split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 30);
};

/** What the autoscaler compares of a group: its labels (less the ignored ones) and what sets its capacity. */
interface GroupShape {
  name: string;
  labels: Record<string, string>;
  machine: string;
}

const truthy = (v: unknown) => v === true || String(v).toLowerCase() === "true";

function differences(groups: GroupShape[], ignored: Set<string>): string[] {
  if (groups.length < 2) return [];
  const [first, ...rest] = groups;
  const visible = (g: GroupShape) => Object.fromEntries(Object.entries(g.labels).filter(([k]) => !ignored.has(k)));
  const problems: string[] = [];
  for (const g of rest) {
    const a = visible(first);
    const b = visible(g);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
    if (keys.length > 0) problems.push(`${first.name} and ${g.name} differ in label ${keys.join(", ")}`);
    if (first.machine !== g.machine) problems.push(`${first.name} and ${g.name} differ in machine (${first.machine} / ${g.machine})`);
  }
  return problems;
}

function eksProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const autoscalers = resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "cluster-autoscaler").map((r) => valuesOf(r.props));
  const balancing = autoscalers.filter((v) => truthy(get(v, "extraArgs.balance-similar-node-groups")) && [undefined, cluster.props.name].includes(get(v, "autoDiscovery.clusterName")));
  if (balancing.length === 0) return [];
  // The chart renders each extraArgs key once (--key=value), so one label can be ignored this way.
  const extra = balancing.map((v) => get(v, "extraArgs.balancing-ignore-label")).filter((l): l is string => typeof l === "string" && l !== "");
  const zoneOf = new Map(ofTypes(resources, [T.aws.subnet]).map((s) => [String(s.props.id), String(s.props.availabilityZone)]));
  const groups = ofTypes(resources, [T.aws.eksNodeGroup])
    .filter((g) => g.props.clusterName === cluster.props.name && !reserved(g.props.taints))
    .map((g) => ({
      name: g.name,
      labels: {
        ...((g.props.labels ?? {}) as Record<string, string>),
        // Set by EKS on the nodes, not by the stack: the group's zones stand in for the zone ids.
        ...(addsZoneIdLabel(cluster.props.version) ? { [EKS_ZONE_ID_LABEL]: ((g.props.subnetIds as string[] | undefined) ?? []).map((id) => zoneOf.get(id) ?? id).join("+") } : {}),
      },
      machine: `${[...((g.props.instanceTypes as string[] | undefined) ?? [])].sort().join("+")}, ${g.props.amiType ?? "default AMI"}, ${g.props.diskSize ?? 20} GiB`,
    }));
  return differences(groups, new Set([...BASIC_IGNORED, ...AWS_IGNORED, ...extra]));
}

/** The cluster's user pools the autoscaler balances: those inline in `agentPoolProfiles` and the separate AgentPool resources. */
function aksProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  if (!truthy(get(cluster.props, "autoScalerProfile.balanceSimilarNodeGroups"))) return [];
  const shape = (name: string, props: Record<string, any>): GroupShape => ({
    name,
    labels: (props.nodeLabels ?? {}) as Record<string, string>,
    machine: `${props.vmSize}, ${props.osDiskSizeGB ?? "default"} GB OS disk`,
  });
  const balanced = (props: Record<string, any>) => props.mode !== "System" && !reserved(props.nodeTaints);
  const pools = aksPools(cluster, resources)
    .filter((p) => balanced(p.props))
    .map((p) => shape(p.inline ? `pool ${p.props.name}` : p.resource.name, p.props));
  return differences(pools, new Set([...BASIC_IGNORED, ...AZURE_IGNORED]));
}

export const nodeGroupBalanceRule: DalpPolicy = stackRule(
  {
    name: "dalp-cluster-balance-node-groups",
    description: "Node groups the cluster autoscaler is asked to balance across zones look the same to it, so it can.",
    severity: "high",
    enforcementLevel: "advisory",
    source:
      "Cloud-native HA, Application health and placement, item 2 (worker nodes across the zones); cluster-autoscaler FAQ, balance-similar-node-groups: groups balance only when their labels (less the ignored ones) and capacity match",
    remediationSteps:
      "Give the per-zone node groups the same labels, instance types, AMI and disk size (AKS: the same nodeLabels, vmSize and OS disk); a label that must differ goes into the autoscaler's balancing-ignore-label.",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, [T.aws.eksCluster, T.azure.aks]);
    if (clusters.length === 0) args.notApplicable("no EKS or AKS cluster in the stack (GKE balances its pools' zones itself)");
    for (const c of clusters) {
      const problems = c.type === T.aws.eksCluster ? eksProblems(c, args.resources) : aksProblems(c, args.resources);
      if (problems.length > 0) report(`${c.type} ${c.name}: ${problems.join("; ")}: balance-similar-node-groups treats them as different groups, so scale-ups pile into one zone.`, c.urn);
    }
  },
);
