import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { execKubeconfig } from "../shared/kubeconfig";

/**
 * The application id of the Microsoft Entra server application of AKS-managed Entra integration, the
 * audience `kubelogin` requests a token for (learn.microsoft.com/azure/aks/kubelogin-authentication, read
 * 2026-11-22); the same in every tenant.
 */
export const AKS_ENTRA_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/**
 * The cluster CA from the kubeconfig AKS hands out for Entra users (base64 YAML). AKS publishes the CA only
 * there; the kubeconfig itself is not kept, because the one this stack outputs authenticates differently.
 */
export function clusterCaFromUserKubeconfig(base64Kubeconfig: string): string {
  const doc = parse(Buffer.from(base64Kubeconfig, "base64").toString("utf8")) as { clusters?: Array<{ cluster?: Record<string, string> }> };
  const ca = doc.clusters?.[0]?.cluster?.["certificate-authority-data"];
  if (!ca) throw new Error("the AKS user kubeconfig holds no certificate-authority-data");
  return ca;
}

/**
 * A kubeconfig that authenticates with `kubelogin get-token --login azurecli`: whoever uses it needs an Azure
 * CLI login with Kubernetes rights on the cluster (Azure RBAC or an admin group). Local accounts are disabled
 * on the cluster, so there is no static credential to leak anyway.
 */
export function aksKubeconfig(clusterName: pulumi.Input<string>, server: pulumi.Input<string>, caData: pulumi.Input<string>): pulumi.Output<string> {
  return execKubeconfig(clusterName, server, caData, {
    command: "kubelogin",
    args: ["get-token", "--login", "azurecli", "--server-id", AKS_ENTRA_SERVER_ID],
    interactiveMode: "Never",
  });
}
