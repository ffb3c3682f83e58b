import { CLUSTER_AUTOSCALER } from "../../addons/shared/chartVersions";

/** The Kubernetes minors for which an autoscaler image is pinned, oldest first. */
export function autoscalerMinors(): string[] {
  return Object.keys(CLUSTER_AUTOSCALER.imageTagByMinor).sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
}

/**
 * The cluster autoscaler image tag released for a Kubernetes minor. The autoscaler is meant to run the minor of
 * its control plane, so there is no fallback: a minor without a pin is an error (the adapter refuses it
 * before anything is declared).
 */
export function clusterAutoscalerImageTag(kubernetesVersion: string): string {
  const tag = CLUSTER_AUTOSCALER.imageTagByMinor[kubernetesVersion];
  if (tag === undefined) {
    throw new Error(`no cluster-autoscaler image is pinned for Kubernetes ${kubernetesVersion}; pinned: ${autoscalerMinors().join(", ")} (addons/shared/chartVersions.ts)`);
  }
  return tag;
}
