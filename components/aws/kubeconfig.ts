import * as pulumi from "@pulumi/pulumi";

/**
 * A kubeconfig that authenticates with `aws eks get-token`, so it holds no credential of its own: whoever
 * uses it needs AWS credentials with access to the cluster (an EKS access entry).
 */
export function eksKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>, region: string): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([clusterName, endpoint, caData]).apply(([name, server, ca]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
          {
            name,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: ["eks", "get-token", "--cluster-name", name, "--region", region, "--output", "json"],
              },
            },
          },
        ],
      }),
    ),
  );
}
