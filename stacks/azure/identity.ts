import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { WorkloadGrant, WorkloadIdentity } from "../../components/azure/workloadIdentity";
import type { BackupTargetPort, ServiceAccountRef, StampContext, WorkloadIdentityPort } from "../../ports/adapter";
import type { AzureCluster } from "./cluster";
import type { AzureFoundation } from "./network";
import { AzureBuckets, CONTAINERS } from "./storage";

/** The labels and annotation Microsoft Entra Workload ID's webhook acts on (learn.microsoft.com/azure/aks/workload-identity-overview, read 2026-11-22). */
function workloadIdentityBinding(id: WorkloadIdentity): WorkloadIdentityPort {
  return {
    serviceAccountAnnotations: { "azure.workload.identity/client-id": id.clientId },
    podLabels: { "azure.workload.identity/use": "true" },
    ready: id.ready,
  };
}

/** A workload identity of the stamp for `account`, with the grants it is given. */
function identity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, name: string, account: ServiceAccountRef, grants: WorkloadGrant[], tags: Record<string, string>) {
  return new WorkloadIdentity(`${ctx.prefix}-${name}`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    subscriptionId: ctx.facts.account,
    oidcIssuerUrl: cluster.aks.oidcIssuerUrl,
    namespace: account.namespace,
    serviceAccount: account.name,
    grants,
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
}

/**
 * Data access to one container only; the account-level Blob Delegator role adds nothing but the right to
 * sign user-delegation SAS URLs (Azure evaluates that action at account scope), and such a URL can never
 * grant more than the signer's own container-scoped data rights
 * (learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas, read 2026-11-22).
 */
function containerGrants(buckets: AzureBuckets, container: string, account: ServiceAccountRef): WorkloadGrant[] {
  return [
    { role: BUILT_IN_ROLES.storageBlobDataContributor, scope: buckets.storage.containers[container].id, description: `${account.namespace}/${account.name}: blobs of ${container}` },
    { role: BUILT_IN_ROLES.storageBlobDelegator, scope: buckets.storage.account.id, description: `${account.namespace}/${account.name}: sign user-delegation SAS` },
    ...extraGrants(buckets, container, account),
  ];
}

/**
 * Velero of a multi-region stamp also restores from the other region's backups replicated into this account (the
 * read-only backup location). Contributor, not Reader: a restore uploads its log, results and resource list
 * into the location of the backup it restores, read-only or not, and ends PartiallyFailed when it cannot
 * (vmware-tanzu/velero pkg/controller/restore_controller.go, PutRestoreLog and the restore results, v1.18.1;
 * velero-io/velero#6753: a restore "needs to write the restore metadata to the backup store"; read 2026-12-01).
 * Object replication refuses those writes while its policy stands: the rebuild removes the destination's half
 * first (runbook step 3).
 */
function extraGrants(buckets: AzureBuckets, container: string, account: ServiceAccountRef): WorkloadGrant[] {
  if (container !== CONTAINERS.backup || !buckets.backupReplica) return [];
  return [{
    role: BUILT_IN_ROLES.storageBlobDataContributor,
    scope: buckets.storage.containers[CONTAINERS.backupReplica].id,
    description: `${account.namespace}/${account.name}: restore from the backups replicated from the other region`,
  }];
}

/**
 * Read and list the application container, and nothing else of the account: the restore drill's DALP. Storage
 * Blob Data Reader's one data action is `blobs/read`, which reads a blob or any of its versions and lists them;
 * it can neither write nor delete, a version's deletion being `deleteBlobVersion/action`, which only Storage Blob
 * Data Owner holds (learn.microsoft.com/azure/role-based-access-control/built-in-roles, "Storage Blob Data
 * Reader"; learn.microsoft.com/azure/storage/blobs/versioning-overview, "Authorize operations on blob versions";
 * read 2026-12-01).
 *
 * It is assigned on the account's resource group, with a condition that holds that data action to this account's
 * application container, and not on the container: the account carries a CanNotDelete lock, and Azure refuses to
 * delete a role assignment below a locked scope ("The scope ... cannot perform delete operation because following
 * scope(s) are locked", MicrosoftDocs/azure-docs#110791; hashicorp/terraform-provider-azurerm#11770; read
 * 2026-12-01), so turning the drill off would stop at the grant. The group has no lock. The condition is
 * Microsoft's "Read, write, or delete blobs in named containers" example with the account's name added
 * (learn.microsoft.com/azure/storage/blobs/storage-auth-abac-examples, read 2026-12-01); without a `Blob.List`
 * sub-operation it covers listing as well. What it leaves to the scope are the role's two management actions:
 * reading the properties of the group's containers (their metadata, none of their blobs) and generating a
 * user-delegation key, whose SAS carries no more than these data rights.
 */
function readOnlyAppGrant(buckets: AzureBuckets, account: ServiceAccountRef): WorkloadGrant {
  const read = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
  return {
    role: BUILT_IN_ROLES.storageBlobDataReader,
    // The group's id is the account's up to its provider segment.
    scope: buckets.storage.account.id.apply((id) => id.replace(/\/providers\/.*$/i, "")),
    description: `${account.namespace}/${account.name}: read the blobs of ${CONTAINERS.app}`,
    condition: pulumi.interpolate`((!(ActionMatches{'${read}'})) OR (@Resource[Microsoft.Storage/storageAccounts:name] StringEquals '${buckets.storage.accountName}' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '${CONTAINERS.app}'))`,
  };
}

export function buildAppIdentity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef, tags: Record<string, string>): WorkloadIdentityPort {
  return workloadIdentityBinding(identity(ctx, net, cluster, "app-identity", account, containerGrants(buckets, CONTAINERS.app, account), tags));
}

/** The application identity of a DALP that must never change production's objects: the restore drill's. */
export function buildReadOnlyAppIdentity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef, tags: Record<string, string>): WorkloadIdentityPort {
  return workloadIdentityBinding(identity(ctx, net, cluster, "app-identity", account, [readOnlyAppGrant(buckets, account)], tags));
}

export function buildBackupTarget(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef, tags: Record<string, string>): BackupTargetPort {
  const id = identity(ctx, net, cluster, "velero-identity", account, containerGrants(buckets, CONTAINERS.backup, account), tags);
  return {
    ...workloadIdentityBinding(id),
    pluginImage: VELERO_PLUGINS.azure,
    provider: "azure",
    bucket: buckets.backup.name,
    ...(buckets.backupReplica ? { replicatedBucket: buckets.backupReplica.name } : {}),
    // useAAD: Entra authorization for the object store and for the node agent's Kopia repository, so no
    // storage key is ever listed (velero-io/velero pkg/util/azure/storage.go, GetStorageAccountCredentials).
    // storageAccountURI: the plugin then needs no read access to the account's management plane
    // (velero-plugin-for-microsoft-azure README, read 2026-11-22).
    config: {
      resourceGroup: buckets.resourceGroupName,
      storageAccount: buckets.storage.accountName,
      subscriptionId: ctx.facts.account,
      useAAD: "true",
      storageAccountURI: buckets.storage.blobEndpoint,
    },
  };
}
