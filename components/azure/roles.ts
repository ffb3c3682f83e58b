import * as pulumi from "@pulumi/pulumi";

/**
 * Built-in Azure role definitions this stack assigns, by their fixed ids (the same in every tenant).
 * Source: learn.microsoft.com/azure/role-based-access-control/built-in-roles, read 2026-11-22.
 */
export const BUILT_IN_ROLES = {
  /** Join subnets, manage load balancers and public IPs: what the AKS control plane does in a bring-your-own VNet. */
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  /** Read, write and delete blobs and containers (data plane only). */
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  /** Read blobs and containers (data plane only). */
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  /** Only `generateUserDelegationKey`: sign a user-delegation SAS, the keyless counterpart of an S3 presigned URL. */
  storageBlobDelegator: "db58b8e5-c6ad-4a2a-8342-4190687cbf4a",
  /**
   * Write records in one private DNS zone: what the AKS control plane needs on a private cluster's own zone
   * (learn.microsoft.com/azure/aks/private-clusters, "Configuration options for private DNS", read 2026-11-22).
   */
  privateDnsZoneContributor: "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
  /** Kubernetes cluster-admin through Azure RBAC. */
  aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
} as const;

/** The subscription-scoped id Azure expects in a role assignment's `roleDefinitionId`. */
export function roleDefinitionId(subscriptionId: pulumi.Input<string>, role: string): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
}
