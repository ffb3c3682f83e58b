import type { PolicyResource } from "@pulumi/policy";
import { get, ofTypes, regionOf } from "../rules/kit";
import { T } from "../rules/types";
import type { Bucket, Cluster, Container, Database, DatabaseSettings, Props, Reader, TrafficRoute } from "./model";
import { knownNames, listOf, minorOf, names, numberOr, present, UNKNOWN } from "./values";

/** Flexible Server create modes that restore from a source server rather than replicate it. */
const RESTORE_MODES = ["PointInTimeRestore", "GeoRestore", "ReviveDropped"];
/**
 * `replica.promoteMode` (write-only, Flexible Server API 2024-08-01 and later): Standalone detaches the replica
 * for good, Switchover swaps it with its primary; either way this server now takes the writes.
 */
const PROMOTE_MODES = ["Standalone", "standalone", "Switchover", "switchover"];
/** Storage redundancy that keeps a copy in the paired region (Azure Storage redundancy, read 2026-12-01). */
const GEO_SKUS = ["Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"];

/** Azure storage-account settings (blob service, management policy) of an account. */
export function accountSettings(account: PolicyResource, resources: PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type && r.props.accountName === account.props.name && r.props.resourceGroupName === account.props.resourceGroupName);
}

/** Whether a CanNotDelete lock covers an Azure resource: on it, by its id as scope, or on its resource group. */
export function hasDeleteLock(resource: PolicyResource, resources: PolicyResource[]): boolean {
  const id = String(present(() => resource.props.id) ?? "");
  const name = resource.props.serverName ?? resource.props.name ?? resource.props.accountName ?? resource.props.resourceName;
  const group = resource.props.resourceGroupName;
  return resources.some((lock) => {
    if (lock.props.level !== "CanNotDelete") return false;
    if (lock.type === T.azure.lockAtResource) return lock.props.resourceName === name && lock.props.resourceGroupName === group;
    if (lock.type === T.azure.lockByScope) {
      const scope = String(present(() => lock.props.scope) ?? "");
      return (id !== "" && id !== UNKNOWN && scope.toLowerCase() === id.toLowerCase()) || (group !== undefined && scope.toLowerCase().endsWith(`/resourcegroups/${String(group).toLowerCase()}`));
    }
    return lock.type === "azure-native:authorization:ManagementLockAtResourceGroupLevel" && lock.props.resourceGroupName === group;
  });
}

function database(type: string, p: Props): DatabaseSettings | undefined {
  if (type !== T.azure.postgres) return undefined;
  const mode = get(p, "highAvailability.mode");
  const standby = get(p, "highAvailability.standbyAvailabilityZone");
  const ha: DatabaseSettings["ha"] =
    mode === "ZoneRedundant"
      ? standby !== undefined && standby === p.availabilityZone
        ? { mode: "same-zone", problem: `the standby is in the primary's zone (${standby}): a zone failure takes both.` }
        : { mode: "zone-redundant" }
      : { mode: mode === "SameZone" ? "same-zone" : "none", problem: `highAvailability.mode is ${JSON.stringify(mode ?? "Disabled")}, not "ZoneRedundant".` };
  const source = present(() => p.sourceServerResourceId);
  const replica =
    p.createMode === "Replica" || (Boolean(source) && !RESTORE_MODES.includes(p.createMode)) || ["AsyncReplica", "GeoAsyncReplica"].includes(get(p, "replica.role")) || ["AsyncReplica", "GeoAsyncReplica"].includes(p.replicationRole);
  const promoted = PROMOTE_MODES.includes(get(p, "replica.promoteMode"));
  const days = get(p, "backup.backupRetentionDays");
  // "Certain functionalities are restricted to primary servers and can't be set up on read replicas. These
  // include: Backups, including geo-backups. High availability (HA)" (learn.microsoft.com, Azure Database for
  // PostgreSQL, Read replicas, "Unsupported features on read replicas", read 2026-12-01).
  const unpromoted = replica && !promoted;
  return {
    cloud: "azure",
    service: "Flexible Server",
    // A promoted replica gets its HA only from a second request once it is a primary ("it must be configured on
    // the freshly promoted primary server", concepts-read-replicas-promote, read 2026-12-01); the runbook's
    // promotion step enables it, and the stack then leaves it as set.
    ha: unpromoted
      ? { ...ha, unsupported: "Flexible Server offers no high availability on a read replica" }
      : replica && promoted && ha.mode !== "zone-redundant"
        ? { ...ha, unsupported: "Flexible Server enables high availability on a promoted replica only after the promotion, as a request of its own (the runbook's promotion step)" }
        : p.createMode === "GeoRestore" && ha.mode !== "zone-redundant"
          ? // Azure creates a geo-restored server without HA whatever the request says (Azure/azure-rest-api-specs#20600, read 2026-12-01).
            { ...ha, unsupported: "Flexible Server creates a geo-restored server without high availability, as a request of its own afterwards (the rebuild runbook's verify step)" }
          : ha,
    replicaOf: replica && !promoted ? String(source ?? "(source server)") : undefined,
    promoted: replica && promoted ? true : undefined,
    streams: replica && !promoted,
    backups: { ownBackups: !unpromoted, retentionDays: numberOr(days), retentionSetting: "backup.backupRetentionDays", retentionRaw: days, pitr: true, problems: [] },
    encryption: "always",
    publicAccess: get(p, "network.publicNetworkAccess") !== "Disabled" ? `network.publicNetworkAccess is ${JSON.stringify(get(p, "network.publicNetworkAccess") ?? "Enabled")}.` : undefined,
  };
}

function databases(resources: PolicyResource[]): Database[] {
  return ofTypes(resources, [T.azure.postgres]).map((r) => {
    const p = r.props;
    const off = resources.find(
      (c) => c.type === T.azure.postgresConfiguration && c.props.configurationName === "require_secure_transport" && String(c.props.value).toLowerCase() === "off" && c.props.serverName === p.serverName,
    );
    return {
      ...(database(r.type, p) as DatabaseSettings),
      resource: r,
      urn: r.urn,
      region: regionOf(r),
      // Geo-redundant backup stores the backups in the paired region, which the server's inputs do not name.
      backupCopyRegions: get(p, "backup.geoRedundantBackup") === "Enabled" ? ["the paired region"] : [],
      protect: r.opts.protect === true,
      deletionProblems: hasDeleteLock(r, resources) ? [] : ["no CanNotDelete management lock covers the server."],
      tlsProblem: off ? "require_secure_transport is switched off." : undefined,
    };
  });
}

function buckets(resources: PolicyResource[]): Bucket[] {
  const policies = ofTypes(resources, [T.azure.objectReplication]);
  return ofTypes(resources, [T.azure.storageAccount]).map((a) => {
    const p = a.props;
    const name = String(present(() => p.name ?? p.accountName) ?? a.name);
    const ids = knownNames(() => p.name, () => p.accountName, () => p.id);
    const noncurrentExpiries = accountSettings(a, resources, T.azure.managementPolicy).flatMap((mp) =>
      ((get(mp.props, "policy.rules") as any[]) ?? [])
        .filter((rule) => rule.enabled !== false && get(rule, "definition.actions.version.delete.daysAfterCreationGreaterThan") !== undefined)
        .map((rule) => ({ days: Number(get(rule, "definition.actions.version.delete.daysAfterCreationGreaterThan")), where: `management policy rule ${rule.name} of ${p.name ?? a.name}`, urn: mp.urn })),
    );
    // Object replication is declared twice, on the destination account first and then on the source; both
    // name the pair. Without cross-tenant replication the accounts are given by full resource id.
    const mine = policies.filter((o) => ids.some((id) => sameAccount(present(() => o.props.sourceAccount), id)));
    return {
      resource: a,
      urn: a.urn,
      cloud: "azure",
      label: `storage account ${name}`,
      name,
      ids,
      region: regionOf(a),
      purpose: get(p, "tags.purpose"),
      versioning: accountSettings(a, resources, T.azure.blobService).some((s) => s.props.isVersioningEnabled === true),
      noncurrentExpiries,
      replicatesTo: names(...mine.map((o) => present(() => o.props.destinationAccount))),
      encryption: "service",
      publicAccessProblems: p.allowBlobPublicAccess !== false ? [{ message: `storage account ${p.name ?? a.name} allows public blob access.`, urn: a.urn }] : [],
      geoRedundant: GEO_SKUS.includes(get(p, "sku.name")),
      protect: a.opts.protect === true,
    };
  });
}

/** Whether an object-replication account reference (a name or a full resource id) is the account. */
function sameAccount(ref: unknown, id: string): boolean {
  if (typeof ref !== "string" || ref === UNKNOWN) return false;
  const last = (s: string) => s.split("/").pop()?.toLowerCase();
  return ref.toLowerCase() === id.toLowerCase() || last(ref) === last(id);
}

const TRAFFIC_ROUTING: Record<string, TrafficRoute["routing"]> = { Priority: "failover", Performance: "latency", Weighted: "weighted", Geographic: "geo" };

function routes(resources: PolicyResource[]): TrafficRoute[] {
  const endpoints = ofTypes(resources, [T.azure.trafficManagerEndpoint]);
  return ofTypes(resources, [T.azure.trafficManager, T.azure.trafficManagerV2]).map((r) => {
    const p = r.props;
    const profile = p.profileName ?? p.name;
    const inline = listOf(() => p.endpoints).map((e: any) => (typeof e === "object" && e !== null ? present(() => e.target ?? e.targetResourceId) : e));
    const separate = endpoints.filter((e) => e.props.profileName === profile && e.props.resourceGroupName === p.resourceGroupName).map((e) => present(() => e.props.target ?? e.props.targetResourceId));
    return {
      resource: r,
      urn: r.urn,
      cloud: "azure",
      name: String(get(p, "dnsConfig.relativeName") ?? profile ?? r.name),
      routing: TRAFFIC_ROUTING[p.trafficRoutingMethod] ?? "other",
      ttlSeconds: numberOr(get(p, "dnsConfig.ttl")),
      healthChecked: Boolean(get(p, "monitorConfig.protocol")),
      targets: names(...inline, ...separate),
    };
  });
}

function clusters(resources: PolicyResource[]): Cluster[] {
  return ofTypes(resources, [T.azure.aks]).map((c) => ({ resource: c, urn: c.urn, cloud: "azure", region: regionOf(c), version: c.props.kubernetesVersion, minor: minorOf(c.props.kubernetesVersion) }));
}

/** Blob containers, each addressed within its storage account. */
function containers(resources: PolicyResource[]): Container[] {
  return ofTypes(resources, [T.azure.blobContainer]).map((c) => ({ resource: c, urn: c.urn, cloud: "azure", name: String(c.props.containerName ?? c.props.name), account: String(c.props.accountName) }));
}

export const azureReader: Reader = { cloud: "azure", database, databaseTypes: [T.azure.postgres], databases, buckets, containers, routes, clusters };
