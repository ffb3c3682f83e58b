import type { PolicyResource } from "@pulumi/policy";
import { get, ofTypes } from "./kit";
import { T } from "./types";
import { LEGACY_ZONE_LABEL, ZONE_LABEL } from "./workloads";

/**
 * One node pool of an AKS cluster: declared inline in its `agentPoolProfiles` (the cluster is then the
 * resource that brings the pool up) or as a separate AgentPool resource.
 */
export interface AksPool {
  props: Record<string, any>;
  inline: boolean;
  /** The cluster for an inline pool, the AgentPool otherwise. */
  resource: PolicyResource;
}

/** Every node pool of an AKS cluster, the inline ones first. */
export function aksPools(cluster: PolicyResource, resources: PolicyResource[]): AksPool[] {
  return [
    ...((cluster.props.agentPoolProfiles as Array<Record<string, any>> | undefined) ?? []).map((props) => ({ props, inline: true, resource: cluster })),
    ...ofTypes(resources, [T.azure.agentPool]).filter((p) => p.props.resourceName === cluster.props.name).map((p) => ({ props: p.props, inline: false, resource: p })),
  ];
}

/** A pool whose taints keep ordinary workloads off it (system pools tainted CriticalAddonsOnly, for one). */
export function reserved(taints: unknown): boolean {
  return ((taints as Array<string | { effect?: string }> | undefined) ?? []).some((t) =>
    typeof t === "string" ? /:(NoSchedule|NoExecute)$/.test(t) : /^(NO_SCHEDULE|NO_EXECUTE|NoSchedule|NoExecute)$/.test(String(t.effect)),
  );
}

/**
 * One zone of one workload pool, with the labels its nodes carry: the pool's own, the cloud's pool-name label
 * and the zone labels. What a node selector or a required node affinity is matched against.
 */
export interface PoolZone {
  pool: string;
  zone: string;
  labels: Record<string, string>;
}

/** Labels that name a node pool on each cloud, which a placement rule can use to pin pods to one pool. */
export const POOL_LABELS = ["eks.amazonaws.com/nodegroup", "agentpool", "kubernetes.azure.com/agentpool", "cloud.google.com/gke-nodepool"] as const;

const zoned = (pool: string, zone: string, labels: Record<string, string>): PoolZone => ({ pool, zone, labels: { ...labels, [ZONE_LABEL]: zone, [LEGACY_ZONE_LABEL]: zone } });

function eksPoolZones(resources: PolicyResource[]): PoolZone[] {
  const zoneOf = new Map(ofTypes(resources, [T.aws.subnet]).map((s) => [String(s.props.id), String(s.props.availabilityZone)]));
  return ofTypes(resources, [T.aws.eksNodeGroup])
    .filter((g) => !reserved(g.props.taints))
    .flatMap((g) => {
      const name = String(g.props.nodeGroupName ?? g.name);
      const labels = { ...((g.props.labels ?? {}) as Record<string, string>), "eks.amazonaws.com/nodegroup": name };
      return ((g.props.subnetIds as string[] | undefined) ?? []).map((id) => zoned(name, zoneOf.get(id) ?? `unknown:${id}`, labels));
    });
}

function aksPoolZones(resources: PolicyResource[]): PoolZone[] {
  return ofTypes(resources, [T.azure.aks]).flatMap((cluster) => {
    const pools = aksPools(cluster, resources).map((p) => (p.inline ? p.props : { ...p.props, name: p.props.agentPoolName ?? p.props.name ?? p.resource.name }));
    return pools
      .filter((p) => !reserved(p.nodeTaints))
      .flatMap((p) => {
        const labels = { ...((p.nodeLabels ?? {}) as Record<string, string>), agentpool: String(p.name), "kubernetes.azure.com/agentpool": String(p.name) };
        // AKS labels nodes <region>-<zone>, or "0" outside availability zones.
        const zones = ((p.availabilityZones as string[] | undefined) ?? []).map((z) => `${cluster.props.location}-${z}`);
        return (zones.length > 0 ? zones : ["0"]).map((z) => zoned(String(p.name), z, labels));
      });
  });
}

function gkePoolZones(resources: PolicyResource[]): PoolZone[] {
  return ofTypes(resources, [T.gcp.nodePool])
    .filter((p) => !reserved(get(p.props, "nodeConfig.taints")))
    .flatMap((p) => {
      const cluster = ofTypes(resources, [T.gcp.gke]).find((c) => String(p.props.cluster ?? "").split("/").pop() === String(c.props.name));
      const name = String(p.props.name ?? p.name);
      const labels = { ...((get(p.props, "nodeConfig.labels") ?? {}) as Record<string, string>), "cloud.google.com/gke-nodepool": name };
      const zones = (p.props.nodeLocations as string[] | undefined) ?? (cluster?.props.nodeLocations as string[] | undefined) ?? [];
      return zones.map((z) => zoned(name, z, labels));
    });
}

/** Every zone of every workload pool the stack creates, on any cloud. */
export function workloadPoolZones(resources: PolicyResource[]): PoolZone[] {
  return [...eksPoolZones(resources), ...aksPoolZones(resources), ...gkePoolZones(resources)];
}
