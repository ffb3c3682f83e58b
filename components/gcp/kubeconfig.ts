import * as pulumi from "@pulumi/pulumi";
import { execKubeconfig } from "../shared/kubeconfig";

/**
 * A kubeconfig that authenticates with `gke-gcloud-auth-plugin`: whoever uses it needs Google credentials
 * (gcloud or application default credentials) with access to the cluster. Source: GKE "Install kubectl and
 * configure cluster access", cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl (read
 * 2026-11-22).
 */
export function gkeKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>): pulumi.Output<string> {
  return execKubeconfig(clusterName, pulumi.interpolate`https://${endpoint}`, caData, {
    command: "gke-gcloud-auth-plugin",
    installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
    provideClusterInfo: true,
  });
}
