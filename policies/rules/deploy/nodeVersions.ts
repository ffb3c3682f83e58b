import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { aksPools } from "../nodePools";
import { CLUSTERS, T } from "../types";
import { lastSegment } from "./networks";

/** A version given as a prefix (`1.35`) matches a full one (`1.35.6-gke.1250000`) of that line. */
const onLine = (version: string, line: string) => version === line || version.startsWith(`${line}.`) || version.startsWith(`${line}-`);

function eksProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const version = cluster.props.version;
  return ofTypes(resources, [T.aws.eksNodeGroup])
    .filter((g) => g.props.clusterName === cluster.props.name)
    .filter((g) => g.props.version !== version)
    .map((g) => `node group ${g.name} has version ${JSON.stringify(g.props.version ?? null)}, the cluster ${JSON.stringify(version ?? null)}`);
}

function aksProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const version = cluster.props.kubernetesVersion;
  const pools = aksPools(cluster, resources).map((p) => ({
    name: p.inline ? `agentPoolProfiles ${p.props.name}` : `agent pool ${p.resource.name}`,
    version: p.props.orchestratorVersion,
  }));
  return pools.filter((p) => p.version !== version).map((p) => `${p.name} has orchestratorVersion ${JSON.stringify(p.version ?? null)}, the cluster kubernetesVersion ${JSON.stringify(version ?? null)}`);
}

function gkeProblems(cluster: PolicyResource, resources: PolicyResource[]): string[] {
  const line = cluster.props.minMasterVersion;
  return ofTypes(resources, [T.gcp.nodePool])
    .filter((p) => lastSegment(p.props.cluster) === String(cluster.props.name))
    // Auto-upgrade keeps a pool on the control plane's version, within the release channel.
    .filter((p) => get(p.props, "management.autoUpgrade") !== true)
    .filter((p) => typeof line !== "string" || typeof p.props.version !== "string" || !onLine(p.props.version, line))
    .map((p) => `node pool ${p.name} neither auto-upgrades nor runs the cluster's minMasterVersion ${JSON.stringify(line ?? null)} (version ${JSON.stringify(p.props.version ?? null)})`);
}

export const nodeVersionsRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-align-node-versions",
    description: "Every node pool follows its cluster's Kubernetes version, so an upgrade moves nodes with the control plane.",
    severity: "high",
    enforcementLevel: "mandatory",
    source:
      "Deployability: a node group without a version stays on the one it was created with while the control plane moves on, until the next upgrade is refused for version skew (Kubernetes version skew policy; aws.eks.NodeGroup version: defaults to the cluster's version at creation only; AKS orchestratorVersion per agent pool; GKE node auto-upgrade with release channels)",
    remediationSteps:
      "EKS: set each aws.eks.NodeGroup version to the cluster's version (from the same value). AKS: set orchestratorVersion of every agent pool to the cluster's kubernetesVersion. GKE: management.autoUpgrade: true on every node pool (or a version equal to minMasterVersion).",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, CLUSTERS);
    if (clusters.length === 0) args.notApplicable("no managed Kubernetes cluster in the stack");
    for (const c of clusters) {
      const problems = c.type === T.aws.eksCluster ? eksProblems(c, args.resources) : c.type === T.azure.aks ? aksProblems(c, args.resources) : gkeProblems(c, args.resources);
      if (problems.length > 0) report(`${c.type} ${c.name}: ${problems.join("; ")}.`, c.urn);
    }
  },
);
