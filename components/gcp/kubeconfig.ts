import * as pulumi from "@pulumi/pulumi";
import { execKubeconfig } from "../shared/kubeconfig";

/** The credential plugin GKE kubeconfigs run; it turns the caller's Google credentials into a token. */
const GKE_AUTH = {
  command: "gke-gcloud-auth-plugin",
  installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
  provideClusterInfo: true,
};

/**
 * A kubeconfig that authenticates with `gke-gcloud-auth-plugin`: whoever uses it needs Google credentials
 * (gcloud or application default credentials) with access to the cluster. Source: GKE "Install kubectl and
 * configure cluster access", cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl (read
 * 2026-11-22).
 *
 * Without `caData` the server is the DNS-based endpoint, whose certificate a public CA (Google Trust Services)
 * signs: the cluster's own CA must not be pinned there, or every TLS handshake fails with "certificate signed
 * by unknown authority" (danielfoehrKn/kubeswitch PR #163, 2025-03-04; crossplane-contrib/provider-upjet-gcp
 * issue #988, 2026-07-30; both read 2026-12-01). `gcloud container clusters get-credentials --dns-endpoint`
 * writes the same shape.
 */
export function gkeKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData?: pulumi.Input<string>): pulumi.Output<string> {
  return execKubeconfig(clusterName, pulumi.interpolate`https://${endpoint}`, caData, GKE_AUTH);
}
