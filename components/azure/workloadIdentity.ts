import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { roleDefinitionId } from "./roles";

export interface WorkloadIdentityArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  subscriptionId: string;
  /** The AKS cluster's OIDC issuer URL, which signs the service account tokens Entra ID trusts. */
  oidcIssuerUrl: pulumi.Input<string>;
  namespace: string;
  serviceAccount: string;
  /** What the identity may do, each as narrowly scoped as the role allows. */
  grants: WorkloadGrant[];
  tags: Record<string, string>;
}

export interface WorkloadGrant {
  role: string;
  scope: pulumi.Input<string>;
  description: string;
  /**
   * An Azure ABAC condition that narrows the role's data actions within the scope (condition version 2.0, "Currently
   * the only accepted value", @pulumi/azure-native 3.28.0 authorization/roleAssignment.d.ts).
   */
  condition?: pulumi.Input<string>;
}

/**
 * A user-assigned managed identity that one Kubernetes service account becomes through Microsoft Entra
 * Workload ID: a federated credential trusts tokens the cluster's OIDC issuer signs for exactly that service
 * account, so no secret or key exists anywhere (learn.microsoft.com/azure/aks/workload-identity-overview,
 * read 2026-11-22). The pods need the client id annotation and the `azure.workload.identity/use` label.
 */
export class WorkloadIdentity extends pulumi.ComponentResource {
  readonly identity: managedidentity.UserAssignedIdentity;
  readonly clientId: pulumi.Output<string>;
  readonly federatedCredential: managedidentity.FederatedIdentityCredential;
  readonly roleAssignments: authorization.RoleAssignment[];
  /** The credential and the grants: what must exist before the pods start. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: WorkloadIdentityArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:WorkloadIdentity", name, {}, opts);
    this.identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags }, { parent: this });
    this.clientId = this.identity.clientId;
    this.federatedCredential = new managedidentity.FederatedIdentityCredential(`${name}-federation`, {
      resourceGroupName: args.resourceGroupName,
      resourceName: this.identity.name,
      issuer: args.oidcIssuerUrl,
      subject: `system:serviceaccount:${args.namespace}:${args.serviceAccount}`,
      // The audience Entra ID expects for workload identity federation.
      audiences: ["api://AzureADTokenExchange"],
    }, { parent: this });
    this.roleAssignments = args.grants.map((grant, i) =>
      new authorization.RoleAssignment(`${name}-grant-${i}`, {
        scope: grant.scope,
        principalId: this.identity.principalId,
        // Declared, so the assignment does not wait for the new identity to replicate through Entra ID.
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinitionId(args.subscriptionId, grant.role),
        description: grant.description,
        ...(grant.condition !== undefined ? { condition: grant.condition, conditionVersion: "2.0" } : {}),
      }, { parent: this }),
    );
    this.ready = [this.federatedCredential, ...this.roleAssignments];
    this.registerOutputs({ clientId: this.clientId, principalId: this.identity.principalId });
  }
}
