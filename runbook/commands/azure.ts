import type { CloudCommands } from "./types";

/** Azure CLI spellings of the runbook's reads. */
/**
 * The stack's storage account of a region, or its resource group, found by the stack's tag: the outputs name the
 * containers, and the account's name is generated. A quoted shell expression.
 */
function storageAccountLookup(stack: string, region: string, field: "name" | "resourceGroup"): string {
  return `"$(az storage account list --query "[?tags.\\"dalp:stack\\"=='${stack}' && location=='${region}'].${field} | [0]" -o tsv)"`;
}

export const AZURE_COMMANDS: CloudCommands = {
  cloud: "azure",
  databaseModules: ["dbforpostgresql"],
  // Promote to primary server (learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote, read 2026-12-01).
  promotion: "Flexible Server promotes the geo read replica to a standalone read-write server in place; the region's DALP keeps the server's own name, which does not change",
  // Flexible Server has no high availability on a replica and takes it on a promoted one only as a request of
  // its own: "it must be configured on the freshly promoted primary server" (concepts-read-replicas-promote,
  // read 2026-12-01). The stack ignores highAvailability on a promoted server, so this stays as set.
  afterPromotion: (db) => [
    {
      run: `az postgres flexible-server update --resource-group ${db.resourceGroup ?? "<resource group>"} --name ${db.identifier} --high-availability ZoneRedundant`,
      expect: "highAvailability.state Healthy after the standby is built (minutes to tens of minutes, by the database's size): the promoted primary survives a zone failure again",
      calls: `Azure Resource Manager, Microsoft.DBforPostgreSQL in ${db.region}`,
    },
  ],
  describeDatabase: (db, expect) => ({
    run: `az postgres flexible-server show --resource-group ${db.resourceGroup ?? "<resource group>"} --name ${db.identifier} --query '{state:state,replicationRole:replicationRole,replica:replica}'`,
    expect,
    calls: `Azure Resource Manager, Microsoft.DBforPostgreSQL in ${db.region}`,
  }),
  // "Read Replica Lag", metric id physical_replication_delay_in_seconds (learn.microsoft.com/azure/postgresql/
  // flexible-server/concepts-monitoring, read 2026-12-01).
  replicaLag: (db) => ({
    run: `az monitor metrics list --resource "$(az postgres flexible-server show --resource-group ${db.resourceGroup ?? "<resource group>"} --name ${db.identifier} --query id -o tsv)" --metric physical_replication_delay_in_seconds --aggregation Maximum --interval PT1M --offset 1h`,
    expect: "the replica's lag in seconds minute by minute; the last value reported before the source failed bounds the writes the replica is missing",
    calls: `Azure Monitor for ${db.region}`,
  }),
  // Traffic Manager is a global service: the profile and its endpoints' monitor status do not depend on a region.
  routing: (t) => ({
    run: `az network traffic-manager profile show --ids ${t.routing} --query '{status:profileStatus,ttl:dnsConfig.ttl,routing:trafficRoutingMethod,endpoints:endpoints[].{name:name,priority:priority,status:endpointStatus,monitor:endpointMonitorStatus}}'`,
    expect: "priority routing: the endpoint with the lowest priority whose monitor status is Online receives the traffic",
    calls: "Traffic Manager (global)",
  }),
  healthCheck: (_t, region, id) => ({
    run: `az network traffic-manager endpoint show --ids ${id} --query '{priority:priority,status:endpointStatus,monitor:endpointMonitorStatus}'`,
    expect: `Traffic Manager's probe of ${region}: monitor status Online while it serves`,
    calls: "Traffic Manager (global)",
  }),
  // Blob versioning lists versions with --include v (az storage blob list, Azure CLI reference, read 2026-12-01); the
  // account is found by the stack's tag, since the outputs name the container.
  // Object replication makes the destination's containers refuse writes while its policy stands, and the rebuilt
  // region's DALP and Velero write there; the account's CanNotDelete lock refuses the policy's deletion, as it
  // does any child's ("ScopeLocked", learn.microsoft.com/azure/azure-resource-manager/management/lock-resources,
  // "Considerations before applying locks", read 2026-12-01). Both go by hand, in the recovery region only; the
  // update then finds them gone (refresh) and creates the lock again.
  beforeRebuild: ({ region, stack }) => {
    const account = storageAccountLookup(stack, region, "name");
    const group = storageAccountLookup(stack, region, "resourceGroup");
    return [
      {
        run: `az lock delete --ids "$(az lock list --resource-group ${group} --resource ${account} --resource-type Microsoft.Storage/storageAccounts --query '[0].id' -o tsv)"`,
        expect: `the CanNotDelete lock of ${region}'s storage account is gone; the update creates it again`,
        calls: `Azure Resource Manager, Microsoft.Authorization in ${region}`,
      },
      {
        run: `az storage account or-policy list --account-name ${account} --resource-group ${group} --query '[].policyId' -o tsv | xargs -r -n1 az storage account or-policy delete --account-name ${account} --resource-group ${group} --policy-id`,
        expect: `no object replication policy on ${region}'s account: its containers take writes`,
        calls: `Azure Resource Manager, Microsoft.Storage in ${region}`,
      },
    ];
  },
  objectVersions: (b) => ({
    run: `az storage blob list --auth-mode login --include v --num-results 20 --container-name ${b.name} --account-name ${storageAccountLookup(b.stack, b.region, "name")} --query '[].{name:name,version:versionId,modified:properties.lastModified,latest:isCurrentVersion}'`,
    expect: "the newest versions of the application's blobs: the files the restored DALP reads must be there, at versions no newer than the restore point",
    calls: `Azure Storage in ${b.region}`,
  }),
};
