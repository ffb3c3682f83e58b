import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { WorkloadIdentity } from "../../components/azure/workloadIdentity";
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

/**
 * Data access to one container only; the account-level Blob Delegator role adds nothing but the right to
 * sign user-delegation SAS URLs (Azure evaluates that action at account scope), and such a URL can never
 * grant more than the signer's own container-scoped data rights
 * (learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas, read 2026-11-22).
 */
function identity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, name: string, container: string, account: ServiceAccountRef, tags: Record<string, string>) {
  return new WorkloadIdentity(`${ctx.prefix}-${name}`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    subscriptionId: ctx.facts.account,
    oidcIssuerUrl: cluster.aks.oidcIssuerUrl,
    namespace: account.namespace,
    serviceAccount: account.name,
    grants: [
      { role: BUILT_IN_ROLES.storageBlobDataContributor, scope: buckets.storage.containers[container].id, description: `${account.namespace}/${account.name}: blobs of ${container}` },
      { role: BUILT_IN_ROLES.storageBlobDelegator, scope: buckets.storage.account.id, description: `${account.namespace}/${account.name}: sign user-delegation SAS` },
      ...extraGrants(buckets, container, account),
    ],
    tags,
  }, { parent: ctx.parent, providers: [net.provider] });
}

/**
 * Velero of a multi-region stamp also reads the other region's backups replicated into this account (the
 * read-only backup location a standby restores from). Reader, not Contributor: object replication refuses
 * writes there anyway, and a restore never needs one.
 */
function extraGrants(buckets: AzureBuckets, container: string, account: ServiceAccountRef) {
  if (container !== CONTAINERS.backup || !buckets.backupReplica) return [];
  return [{
    role: BUILT_IN_ROLES.storageBlobDataReader,
    scope: buckets.storage.containers[CONTAINERS.backupReplica].id,
    description: `${account.namespace}/${account.name}: read the backups replicated from the other region`,
  }];
}

export function buildAppIdentity(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef, tags: Record<string, string>): WorkloadIdentityPort {
  return workloadIdentityBinding(identity(ctx, net, cluster, buckets, "app-identity", CONTAINERS.app, account, tags));
}

export function buildBackupTarget(ctx: StampContext, net: AzureFoundation, cluster: AzureCluster, buckets: AzureBuckets, account: ServiceAccountRef, tags: Record<string, string>): BackupTargetPort {
  const id = identity(ctx, net, cluster, buckets, "velero-identity", CONTAINERS.backup, account, tags);
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
