import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, stackRule } from "../kit";
import { aksPools, reserved } from "../nodePools";
import { CLUSTERS, T } from "../types";
import { lastSegment } from "./networks";

/** What runs pods and so must find a node when it is applied. */
const WORKLOADS = [T.k8s.release, T.k8s.deployment, T.k8s.statefulSet];

/**
 * The resources that bring up nodes ordinary pods can run on, for one cluster: its untainted node pools, and
 * the cluster itself where it starts such nodes on its own (an untainted inline AKS pool, GKE's default pool
 * or Autopilot).
 */
function schedulableNodes(cluster: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
  if (cluster.type === T.aws.eksCluster) return ofTypes(resources, [T.aws.eksNodeGroup]).filter((g) => g.props.clusterName === cluster.props.name && !reserved(g.props.taints));
  if (cluster.type === T.azure.aks) {
    return [...new Set(aksPools(cluster, resources).filter((p) => !reserved(p.props.nodeTaints)).map((p) => p.resource))];
  }
  const pools = ofTypes(resources, [T.gcp.nodePool]).filter((p) => lastSegment(p.props.cluster) === String(cluster.props.name) && !reserved(get(p.props, "nodeConfig.taints")));
  const ownNodes = cluster.props.enableAutopilot === true || (cluster.props.removeDefaultNodePool !== true && !reserved(get(cluster.props, "nodeConfig.taints")));
  return ownNodes ? [cluster, ...pools] : pools;
}

/** Everything a resource waits for: its dependencies, theirs, and those of its provider, transitively. */
function waitsFor(start: PolicyResource, byUrn: Map<string, PolicyResource>): Set<string> {
  const seen = new Set<string>();
  const queue: PolicyResource[] = [start];
  while (queue.length > 0) {
    const r = queue.pop() as PolicyResource;
    const next = [
      ...r.dependencies,
      ...Object.values(r.propertyDependencies ?? {}).flat(),
      ...(r.provider ? [byUrn.get(r.provider.urn)].filter((p): p is PolicyResource => p !== undefined) : []),
    ];
    for (const d of next) {
      if (seen.has(d.urn)) continue;
      seen.add(d.urn);
      queue.push(d);
    }
  }
  return seen;
}

export const nodeOrderingRule: DalpPolicy = stackRule(
  {
    name: "dalp-deploy-order-after-node-pools",
    description: "Helm releases and workloads on a cluster of the stack wait for a node pool their pods can run on.",
    severity: "high",
    enforcementLevel: "mandatory",
    source:
      "Deployability: a release applied while the cluster has no schedulable node keeps its pods Pending; Pulumi's helm.v3.Release waits for them unless skipAwait is set (@pulumi/kubernetes 4.34 helm/v3/release.d.ts, read 2026-12-01) and fails the run once its timeout passes (5 minutes by default, as Helm's --timeout). Node pools come up minutes after the control plane, and AKS system pools tainted CriticalAddonsOnly take no workloads",
    remediationSteps:
      "Give every Helm release (or its Kubernetes provider) dependsOn the cluster's workload node pools: EKS node groups, AKS user agent pools, GKE node pools (the dalp-ha adapters pass ClusterPort.ready).",
  },
  (args, report) => {
    const clusters = ofTypes(args.resources, CLUSTERS);
    const workloads = ofTypes(args.resources, WORKLOADS);
    if (clusters.length === 0 || workloads.length === 0) args.notApplicable("no workload on a managed cluster of the stack");
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    const nodes = new Map(clusters.map((c) => [c.urn, schedulableNodes(c, args.resources).map((n) => n.urn)]));
    for (const w of workloads) {
      const waited = waitsFor(w, byUrn);
      // The cluster a workload runs on is the one its Kubernetes provider is built from. What else it waits
      // for (another region's cluster, through a replica's source database) is not where its pods run.
      const provider = w.provider ? byUrn.get(w.provider.urn) : undefined;
      const placed = provider ? waitsFor(provider, byUrn) : waited;
      for (const c of clusters.filter((x) => placed.has(x.urn) || (nodes.get(x.urn) ?? []).some((n) => placed.has(n)))) {
        if (!(nodes.get(c.urn) ?? []).some((n) => waited.has(n))) {
          report(`${w.name} does not wait for a node pool of ${c.name} that takes ordinary pods: it is applied while no node can run them.`, w.urn);
        }
      }
    }
  },
);
