import * as pulumi from "@pulumi/pulumi";
import { execKubeconfig } from "../shared/kubeconfig";

/**
 * A kubeconfig that authenticates with `aws eks get-token`: whoever uses it needs AWS credentials with access
 * to the cluster (an EKS access entry).
 */
export function eksKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>, region: string): pulumi.Output<string> {
  return pulumi.output(clusterName).apply((name) =>
    execKubeconfig(name, endpoint, caData, { command: "aws", args: ["eks", "get-token", "--cluster-name", name, "--region", region, "--output", "json"] }),
  );
}
