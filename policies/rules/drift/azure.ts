import type { DriftFact } from "./types";

const AVM_POSTGRES =
  "Azure Verified Modules, Azure/terraform-azurerm-avm-res-dbforpostgresql-flexibleserver main.tf lifecycle.ignore_changes [zone, high_availability[0].standby_availability_zone] (commit 5499845, \"fix: ignore Azure-assigned zone drift\"), read 2026-11-22";
const HA_FAILOVER =
  "learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability (after a failover the former standby is the primary, in its zone, and the old primary becomes the standby), read 2026-11-22";

/** Whether a pool (inline profile or AgentPool) leaves its node count to the cluster autoscaler. */
const autoscaled = (pool: Record<string, any> | undefined) => pool?.enableAutoScaling === true;

/** Geo-redundant SKUs, the ones a storage account failover applies to. */
const GEO_SKU = /^Standard_(RA)?G(Z)?RS$/;

/**
 * Properties Azure changes by itself on the stateful azure-native types this project creates, each as
 * `ignoreChanges` spells it. Checked against every stack by `dalp-deploy-ignore-cloud-drift`.
 *
 * Looked at and left out, because no diff arises:
 * - ManagedCluster `kubernetesVersion` and agent pools' `orchestratorVersion`: the stack sets a MAJOR.MINOR
 *   alias with the `patch` upgrade channel; AKS keeps the alias in `kubernetesVersion` and reports the patch it
 *   runs in `currentKubernetesVersion` ("Updating the cluster with the same (major.minor) once it has been
 *   created will not trigger an upgrade", ManagedClusterProperties.KubernetesVersion, learn.microsoft.com/
 *   dotnet/api/microsoft.azure.management.containerservice.models.managedclusterproperties.kubernetesversion,
 *   read 2026-11-22). AKS moves the minor by itself only for a cluster left out of support (n-3 about to drop
 *   to n-4, learn.microsoft.com/azure/aks/auto-upgrade-cluster, "Customer versus AKS-initiated auto-upgrades"),
 *   which the configuration's supported-version check is there to prevent; ignoring the version would stop
 *   `dalp:cluster.kubernetesVersion` from upgrading anything. The node image (`NodeImage` channel) is
 *   `nodeImageVersion`, which the stack does not set.
 * - Azure Managed Redis (RedisEnterprise, Database): with high availability the service places the nodes in
 *   zones itself and reports it in `redundancyMode`; the stack sets no `zones`, capacity or version, and a
 *   replica promotion changes no input (learn.microsoft.com/azure/reliability/reliability-managed-redis).
 * - The ingress PublicIPAddress: cloud-provider-azure leaves the tags of an address it did not create alone
 *   (kubernetes-sigs/cloud-provider-azure#3527, "do not tag user-assigned public IP", read 2026-12-01), and a
 *   Static address keeps its IP.
 * - Flexible Server Database, BlobContainer, ResourceGroup, ManagementLockByScope, private DNS zones: nothing
 *   the service changes on them is an input.
 * - ManagedCluster `agentPoolProfiles` as a whole: after a refresh azure-native copies every pool AKS lists,
 *   separate AgentPool resources included, into the stored inputs (pulumi-azure-native provider.go `Read` and
 *   diff.go `applyValueDiff`, read 2026-12-01). A cluster that declares all its pools inline (the reference
 *   stack, components/azure/inlinePools.ts) gets back only the counts, ignored below; a cluster with separate
 *   AgentPool resources gets a planned no-op update after any resize, which ignoring the whole array would end
 *   only by also freezing the inline pool's `orchestratorVersion`.
 */
export const AZURE_DRIFT: DriftFact[] = [
  {
    type: "azure-native:storage:ObjectReplicationPolicy",
    property: "objectReplicationPolicyId",
    why: "the destination half is created as `default`, which asks Azure to assign the policy id; the policy then has that id, a path parameter, and asking for `default` again would replace the policy",
    source: "learn.microsoft.com/azure/storage/blobs/object-replication-overview, \"Specify the policy and rule IDs\" (destination account: \"The string value default. Azure Storage will create the policy ID value for you\"), read 2026-12-01",
    appliesWhen: (props) => props.objectReplicationPolicyId === "default",
  },
  {
    type: "azure-native:storage:ObjectReplicationPolicy",
    property: "rules[*].ruleId",
    why: "the destination half's rules are created without ids, which Azure assigns; a refresh reads them back",
    source: "learn.microsoft.com/azure/storage/blobs/object-replication-overview, \"Specify the policy and rule IDs\" (destination account rule ids: \"An empty string. Azure Storage will create the rule ID values for you\"), read 2026-12-01",
    appliesWhen: (props) => props.objectReplicationPolicyId === "default",
  },
  {
    type: "azure-native:dbforpostgresql:Server",
    property: "sourceServerResourceId",
    why: "Azure returns a server's source only while it is a read replica, so once failover promotes it a refresh drops the input; it is create-only, and left unignored the next pulumi up would replace the promoted database to put it back",
    source:
      "Azure/azure-rest-api-specs Microsoft.DBforPostgreSQL stable/2025-08-01 FlexibleServers.json (commit 14bc04b) sourceServerResourceId: \"This property is returned only when the target flexible server is a read replica\", x-ms-mutability [create, read]; pulumi-azure-native provider.go Read (the stored inputs follow what the service returns), read 2026-12-01",
    appliesWhen: (props) => props.createMode === "Replica",
  },
  {
    type: "azure-native:dbforpostgresql:Server",
    property: "createMode",
    why: "a create-time switch the service never returns (x-ms-mutability [create, update], no read): after a refresh the stored input can be gone, and a later update would send Replica again to a server that no longer is one",
    source: "Azure/azure-rest-api-specs Microsoft.DBforPostgreSQL stable/2025-08-01 FlexibleServers.json (commit 14bc04b) ServerProperties.createMode and ServerPropertiesForUpdate.createMode (Default or Update only), read 2026-12-01",
    appliesWhen: (props) => props.createMode === "Replica",
  },
  {
    type: "azure-native:dbforpostgresql:Server",
    property: "availabilityZone",
    why: "a zone-redundant HA failover, planned or forced, makes the standby the primary, so the server's zone becomes the former standby zone; left unignored, the next pulumi up moves the primary back (another failover)",
    source: `${AVM_POSTGRES}; ${HA_FAILOVER}`,
    appliesWhen: (props) => props.highAvailability?.mode === "ZoneRedundant",
  },
  {
    type: "azure-native:dbforpostgresql:Server",
    property: "highAvailability.standbyAvailabilityZone",
    why: "after a failover the standby is rebuilt in the former primary's zone",
    source: `${AVM_POSTGRES}; ${HA_FAILOVER}`,
    appliesWhen: (props) => props.highAvailability?.mode === "ZoneRedundant",
  },
  {
    type: "azure-native:dbforpostgresql:Server",
    property: "storage.storageSizeGB",
    why: "storage autogrow doubles the disk when free space runs low, and a Flexible Server disk can never be shrunk: a plan back to the configured size fails",
    source:
      "learn.microsoft.com/azure/postgresql/scale/how-to-auto-grow-storage (below 1 TiB, autogrow starts at 20% or 64 GiB free; a Premium SSD disk doubles) and flexible-server/how-to-scale-compute-storage-portal (\"You can't scale down the storage\"), read 2026-11-22; hashicorp/terraform-provider-azurerm#29463 (auto_grow_enabled with storage_mb below the current size plans a recreation)",
    appliesWhen: (props) => props.storage?.autoGrow === "Enabled",
  },
  {
    type: "azure-native:containerservice:ManagedCluster",
    property: "agentPoolProfiles[*].count",
    why: "the cluster autoscaler owns each inline pool's running node count between minCount and maxCount, and a refresh copies the count AKS reports into the stored pool",
    source:
      "learn.microsoft.com/azure/aks/cluster-autoscaler (the autoscaler adjusts the node count within the bounds); Azure/terraform-azurerm-avm-res-containerservice-managedcluster modules/agentpool/locals.tf sends no count when min_count and max_count are set, read 2026-11-22; pulumi-azure-native provider.go Read (a changed output is copied into the stored inputs), read 2026-12-01",
    appliesWhen: (props) => ((props.agentPoolProfiles as Array<Record<string, any>> | undefined) ?? []).some(autoscaled),
  },
  {
    type: "azure-native:containerservice:AgentPool",
    property: "count",
    why: "the cluster autoscaler owns the running node count between minCount and maxCount",
    source:
      "learn.microsoft.com/azure/aks/cluster-autoscaler; Azure/terraform-azurerm-avm-res-containerservice-managedcluster modules/agentpool/locals.tf (no count with min_count and max_count), read 2026-11-22",
    appliesWhen: autoscaled,
  },
  {
    type: "azure-native:storage:StorageAccount",
    property: "location",
    why: "a failover of a geo-redundant account (customer-initiated or Microsoft-managed) makes the secondary region the primary; a location change replaces the account",
    source:
      "learn.microsoft.com/azure/storage/common/storage-disaster-recovery-guidance and storage-failover-faq (planned and unplanned failover: the secondary region becomes the new primary), read 2026-11-22",
    appliesWhen: (props) => GEO_SKU.test(String(props.sku?.name ?? "")),
  },
  {
    type: "azure-native:storage:StorageAccount",
    property: "sku.name",
    why: "after an unplanned failover the account is locally redundant (LRS) in the new primary region until geo-redundancy is configured again",
    source: "learn.microsoft.com/azure/storage/common/storage-failover-faq (\"After an unplanned failover the storage account is converted to LRS\"), read 2026-11-22",
    appliesWhen: (props) => GEO_SKU.test(String(props.sku?.name ?? "")),
  },
];
