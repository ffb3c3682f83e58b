import type * as k8s from "@pulumi/kubernetes";

export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
export const NODE_TOPOLOGY_KEY = "kubernetes.io/hostname";

/** The pod-template-hash a Deployment's ReplicaSet stamps on its pods. */
const DEPLOYMENT_REVISION_LABEL = "pod-template-hash";

type SpreadConstraint = k8s.types.input.core.v1.TopologySpreadConstraint;

export interface SpreadOptions {
  /**
   * The pods belong to a Deployment: count only the pods of the same ReplicaSet, so a rolling update is not
   * judged against the replicas it is about to replace (Kubernetes docs, Pod Topology Spread Constraints:
   * `matchLabelKeys: [pod-template-hash]`; beta and on by default since 1.27).
   */
  deployment?: boolean;
}

/**
 * Replicas spread evenly over the zones, as a rule the scheduler must keep: a replica that cannot go to the
 * emptiest zone stays pending, which makes the cluster autoscaler add a node in that zone, instead of landing
 * next to its sibling and leaving one zone holding every replica (product docs, Cloud-native HA, Application
 * health and placement, item 3). `nodeTaintsPolicy: Honor` counts only nodes the pod may run on: the nodes of
 * a failed zone carry the `node.kubernetes.io/unreachable:NoSchedule` taint, which pods do not tolerate (their
 * default tolerations cover the NoExecute effect only), so a lost zone drops out of the count and does not
 * block replacements in the zones that remain. With the default, `Ignore`, it would.
 */
export function zoneSpread(matchLabels: Record<string, string>, options: SpreadOptions = {}): SpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey: ZONE_TOPOLOGY_KEY,
    whenUnsatisfiable: "DoNotSchedule",
    nodeTaintsPolicy: "Honor",
    labelSelector: { matchLabels: { ...matchLabels } },
    ...(options.deployment ? { matchLabelKeys: [DEPLOYMENT_REVISION_LABEL] } : {}),
  };
}

/**
 * Replicas preferably on different nodes, for workloads whose chart has no anti-affinity preset. A preference
 * only: a small node group must not leave a replica pending for want of a spare node.
 */
export function nodeSpread(matchLabels: Record<string, string>, options: SpreadOptions = {}): SpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey: NODE_TOPOLOGY_KEY,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: { ...matchLabels } },
    ...(options.deployment ? { matchLabelKeys: [DEPLOYMENT_REVISION_LABEL] } : {}),
  };
}

/**
 * How a drain may take replicas away: one at a time. Pods that are not Ready may always be evicted, so a
 * crash-looping replica never blocks a node drain (Kubernetes docs, Specifying a Disruption Budget:
 * `unhealthyPodEvictionPolicy: AlwaysAllow`, on by default since 1.27, GA in 1.31).
 */
export const ONE_AT_A_TIME = { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" } as const;
