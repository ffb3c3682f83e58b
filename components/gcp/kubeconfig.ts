import * as pulumi from "@pulumi/pulumi";

/**
 * A kubeconfig that authenticates with `gke-gcloud-auth-plugin`, so it holds no credential of its own: whoever
 * uses it needs Google credentials (gcloud or application default credentials) with access to the cluster.
 * Source: GKE "Install kubectl and configure cluster access", cloud.google.com/kubernetes-engine/docs/how-to/
 * cluster-access-for-kubectl (read 2026-11-22).
 */
export function gkeKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([clusterName, endpoint, caData]).apply(([name, server, ca]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: `https://${server}`, "certificate-authority-data": ca } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
          {
            name,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "gke-gcloud-auth-plugin",
                installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                provideClusterInfo: true,
              },
            },
          },
        ],
      }),
    ),
  );
}
