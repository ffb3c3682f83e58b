import * as pulumi from "@pulumi/pulumi";

/** The `exec` credential plugin a kubeconfig user runs to get a token: the cloud's CLI or helper. */
export interface ExecCredential {
  command: string;
  args?: string[];
  [key: string]: unknown;
}

/**
 * A kubeconfig for one cluster whose user authenticates through an exec plugin, so it holds no credential
 * of its own; a secret all the same, because it names a private endpoint. Each cloud supplies the plugin.
 * Without `caData` the server's certificate is checked against the system's public CAs.
 */
export function execKubeconfig(clusterName: pulumi.Input<string>, server: pulumi.Input<string>, caData: pulumi.Input<string> | undefined, exec: ExecCredential): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([clusterName, server, caData]).apply(([name, endpoint, ca]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint, ...(ca !== undefined ? { "certificate-authority-data": ca } : {}) } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", ...exec } } }],
      }),
    ),
  );
}
