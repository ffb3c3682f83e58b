import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, stackRule } from "./kit";
import { aksPools, reserved } from "./nodePools";
import { CLUSTERS, T } from "./types";

const PLACEMENT = "Cloud-native HA, Application health and placement, items 2-3; Production readiness checks: Scheduling posture";

/** Zone of an AWS subnet id, from the subnets in the stack. */
function subnetZones(resources: PolicyResource[]): Map<string, string> {
  return new Map(ofTypes(resources, [T.aws.subnet]).map((s) => [String(s.props.id), String(s.props.availabilityZone)]));
}

/** A GKE location that names a zone (europe-west1-b) rather than a region (europe-west1). */
const isZone = (location: string) => /-[a-z]$/.test(location);

/** The zones in which a cluster's workload pools keep at least one node: zone -> minimum nodes there. */
export function nodeZones(cluster: PolicyResource, resources: PolicyResource[]): Map<string, number> {
  const zones = new Map<string, number>();
  const add = (zone: string, min: number) => zones.set(zone, (zones.get(zone) ?? 0) + min);
  const name = cluster.props.name;
  if (cluster.type === T.aws.eksCluster) {
    const bySubnet = subnetZones(resources);
    for (const g of ofTypes(resources, [T.aws.eksNodeGroup]).filter((x) => x.props.clusterName === name && !reserved(x.props.taints))) {
      const ids = (g.props.subnetIds as string[]) ?? [];
      const min = Number(get(g.props, "scalingConfig.minSize") ?? 0);
      // A group over several subnets guarantees no particular zone; count it as one node per zone at most.
      for (const id of ids) add(bySubnet.get(id) ?? `unknown:${id}`, ids.length === 1 ? min : Math.min(min, 1));
    }
  }
  if (cluster.type === T.azure.aks) {
    for (const p of aksPools(cluster, resources).map((x) => x.props).filter((x) => !reserved(x.nodeTaints))) {
      const min = Number(p.enableAutoScaling ? p.minCount : p.count);
      for (const z of (p.availabilityZones as string[]) ?? ["no zone"]) add(z, min > 0 ? 1 : 0);
    }
  }
  if (cluster.type === T.gcp.gke) {
    for (const p of ofTypes(resources, [T.gcp.nodePool]).filter((x) => (x.props.cluster === name || x.props.cluster === cluster.props.id) && !reserved(get(x.props, "nodeConfig.taints")))) {
      const locations = (p.props.nodeLocations as string[]) ?? (cluster.props.nodeLocations as string[]) ?? [];
      const perZone = Number(get(p.props, "autoscaling.minNodeCount") ?? p.props.nodeCount ?? p.props.initialNodeCount ?? 0);
      for (const z of locations) add(z, perZone);
    }
  }
  return zones;
}

export const clusterRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-cluster-span-zones",
      description: "Each Kubernetes control plane spans the region's zones.",
      severity: "high",
      enforcementLevel: "advisory",
      source: "Cloud-native HA, Provider patterns (EKS across availability zones, AKS zone-aware, regional GKE); Cloud-Native (Recommended), cloud provider configurations",
      remediationSteps:
        "EKS: control-plane subnets in at least two AZs. GKE: a regional cluster (location = a region, not a zone). AKS: Standard tier with the system pool across zones 1-3.",
    },
    (args, report) => {
      const clusters = ofTypes(args.resources, CLUSTERS);
      if (clusters.length === 0) args.notApplicable("no managed Kubernetes cluster in the stack");
      const bySubnet = subnetZones(args.resources);
      for (const c of clusters) {
        if (c.type === T.aws.eksCluster) {
          const zones = new Set(((get(c.props, "vpcConfig.subnetIds") as string[]) ?? []).map((id) => bySubnet.get(id) ?? id));
          if (zones.size < 2) report(`the control plane's subnets are in ${zones.size} availability zone(s).`, c.urn);
        }
        if (c.type === T.gcp.gke && isZone(String(c.props.location ?? ""))) report(`location ${c.props.location} is a zone: the control plane is zonal.`, c.urn);
        if (c.type === T.azure.aks) {
          if (get(c.props, "sku.tier") !== "Standard" && get(c.props, "sku.tier") !== "Premium") report(`sku.tier is ${JSON.stringify(get(c.props, "sku.tier") ?? "Free")}: no zone-redundant, SLA-backed control plane.`, c.urn);
          // System pools may be declared inside the cluster or as separate agent pools (one per zone).
          const systemPools = aksPools(c, args.resources).map((p) => p.props).filter((p) => p.mode === "System");
          const zones = new Set(systemPools.flatMap((p) => (p.availabilityZones as string[] | undefined) ?? []));
          if (systemPools.length > 0 && zones.size < 2) report("the system node pools are not spread over zones.", c.urn);
        }
      }
    },
  ),

  stackRule(
    {
      name: "dalp-cluster-spread-node-zones",
      description: "Worker nodes run in at least the configured number of zones, so no zone holds every replica.",
      severity: "high",
      enforcementLevel: "advisory",
      source: PLACEMENT,
      remediationSteps:
        "Give every zone a workload node pool (or pool locations) with a minimum of at least one node; pools tainted NoSchedule (system pools) do not count. The cloud-native stacks build one node group per zone.",
      configSchema: { properties: { minZones: { type: "integer", minimum: 2, default: 3 } } },
    },
    (args, report) => {
      const { minZones } = args.getConfig<{ minZones: number }>();
      const clusters = ofTypes(args.resources, CLUSTERS);
      if (clusters.length === 0) args.notApplicable("no managed Kubernetes cluster in the stack");
      for (const c of clusters) {
        const zones = [...nodeZones(c, args.resources).entries()].filter(([, min]) => min > 0).map(([z]) => z);
        if (zones.length < minZones) report(`nodes are guaranteed in ${zones.length} zone(s) (${zones.join(", ") || "none"}); at least ${minZones} are required.`, c.urn);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-cluster-size-aks-user-pools",
      description: "Every AKS user node pool keeps at least two nodes, as the Azure Proactive Resiliency Library asks.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${PLACEMENT}; APRL 005ccbbd "Configure user nodepool count" (Azure/Azure-Proactive-Resiliency-Library-v2, azure-resources/ContainerService/managedClusters/recommendations.yaml, commit 9b93db7, read 2026-11-22)`,
      remediationSteps:
        "Give each user pool minCount (with autoscaling) or count of at least 2; the dalp-ha Azure stack builds one user pool per zone from dalp:cluster.minPerZone.",
      configSchema: { properties: { minNodes: { type: "integer", minimum: 1, default: 2 } } },
    },
    (args, report) => {
      const { minNodes } = args.getConfig<{ minNodes: number }>();
      const clusters = ofTypes(args.resources, [T.azure.aks]);
      if (clusters.length === 0) args.notApplicable("no AKS cluster in the stack");
      for (const c of clusters) {
        for (const { props, resource } of aksPools(c, args.resources).filter((p) => p.props.mode === "User")) {
          const min = Number(props.enableAutoScaling ? props.minCount : props.count);
          if (!(min >= minNodes)) report(`user pool ${props.name ?? props.agentPoolName ?? "?"} keeps ${Number.isNaN(min) ? "no" : min} node(s) at the least; at least ${minNodes} are required.`, resource.urn);
        }
      }
    },
  ),
];
