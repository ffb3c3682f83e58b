import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, known, ofTypes, stackRule } from "../kit";
import { T } from "../types";

const CLUSTER_TAG = /^kubernetes\.io\/cluster\/(.+)$/;
const TAG_VALUES = ["owned", "shared"];

/**
 * The VPCs an EKS cluster's subnets are in; empty when a preview does not know them yet (every subnet is then
 * judged, which is right for a stack that creates its VPC).
 */
function clusterVpcs(clusters: PolicyResource[], subnets: PolicyResource[]): Set<string> {
  const vpcs = new Set<string>();
  for (const c of clusters) {
    const own = known(() => get(c.props, "vpcConfig.vpcId"));
    if (typeof own === "string") vpcs.add(own);
    const ids = known(() => [...((get(c.props, "vpcConfig.subnetIds") as string[] | undefined) ?? [])]) ?? [];
    for (const s of subnets) {
      const vpc = known(() => (ids.includes(s.props.id) ? s.props.vpcId : undefined));
      if (typeof vpc === "string") vpcs.add(vpc);
    }
  }
  return vpcs;
}

export const subnetTagsRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-match-subnet-cluster-tags",
    description: "Subnet tags kubernetes.io/cluster/<name> name an EKS cluster of the stack exactly, so its load balancers can be placed in them.",
    severity: "high",
    enforcementLevel: "mandatory",
    source:
      "Deployability: the AWS cloud controller and the AWS Load Balancer Controller skip subnets tagged for another cluster, so a Service of type LoadBalancer stays pending and the Helm release that waits for it rolls back (kubernetes.io/cluster/<name> = owned or shared; EKS VPC and subnet requirements; terraform-aws-modules/eks examples tag subnets from the cluster's name)",
    remediationSteps: "Name the EKS cluster explicitly (aws.eks.Cluster name) and tag its VPC's subnets kubernetes.io/cluster/<that same value> = shared (or owned), from one variable.",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, [T.aws.eksCluster]);
    if (clusters.length === 0) args.notApplicable("no EKS cluster in the stack");
    const names = clusters.map((c) => String(c.props.name));
    const subnets = ofTypes(args.resources, [T.aws.subnet]);
    const vpcs = clusterVpcs(clusters, subnets);
    // Subnets of other VPCs may serve clusters of other stacks.
    for (const s of subnets.filter((x) => vpcs.size === 0 || vpcs.has(known(() => x.props.vpcId)))) {
      for (const [key, value] of Object.entries((s.props.tags ?? {}) as Record<string, string>)) {
        const tagged = CLUSTER_TAG.exec(key)?.[1];
        if (tagged === undefined) continue;
        if (!names.includes(tagged)) report(`subnet ${s.name} is tagged for cluster "${tagged}", but the stack's EKS cluster is named ${names.map((n) => `"${n}"`).join(", ")}.`, s.urn);
        if (!TAG_VALUES.includes(value)) report(`subnet ${s.name}: ${key} is ${JSON.stringify(value)}; the controllers read only "owned" or "shared".`, s.urn);
      }
    }
  },
);
