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
 * How `kubelogin` gets a token for the cluster: from the Azure CLI's login, in the cluster's tenant. Without
 * `--tenant-id` the Azure CLI answers in the tenant of its active subscription, which for an operator signed in
 * to several tenants is not necessarily the cluster's, and AKS refuses a token from another tenant
 * (kubelogin docs/book/src/concepts/login-modes/azurecli.md: "The token will be issued in the same Azure AD
 * tenant as in `az login`"; pkg/internal/token/azureclicredential.go passes `TenantID` to the Azure CLI
 * credential; Azure/kubelogin commit 6678496, read 2026-12-01).
 */
export function kubeloginArgs(tenantId: string): string[] {
  return ["get-token", "--login", "azurecli", "--server-id", AKS_ENTRA_SERVER_ID, "--tenant-id", tenantId];
}

/**
 * A kubeconfig that authenticates with `kubelogin get-token --login azurecli`: whoever uses it needs an Azure
 * CLI login with Kubernetes rights on the cluster (Azure RBAC or an admin group). Local accounts are disabled
 * on the cluster, so there is no static credential to leak anyway.
 */
export function aksKubeconfig(clusterName: pulumi.Input<string>, server: pulumi.Input<string>, caData: pulumi.Input<string>, tenantId: string): pulumi.Output<string> {
  return execKubeconfig(clusterName, server, caData, { command: "kubelogin", args: kubeloginArgs(tenantId), interactiveMode: "Never" });
}
