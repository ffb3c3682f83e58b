import { stringify } from "yaml";
import { MockContext, stableHash } from "./context";

/**
 * Canned identity of the planning subscription: Microsoft Learn's documentation placeholder GUIDs, so a plan
 * never shows a real tenant or subscription.
 */
export const PLANNED_AZURE = {
  subscriptionId: "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e",
  tenantId: "aaaabbbb-0000-cccc-1111-dddd2222eeee",
  clientId: "00001111-aaaa-2222-bbbb-3333cccc4444",
  objectId: "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb",
} as const;

function guid(hash: string): string {
  const h = (hash + stableHash(hash)).slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type State = Record<string, unknown>;

/**
 * Per resource type: the input that carries the resource's own name (what azure-native auto-names when it is
 * left out) and the ARM id Azure gives it. Ids follow `/subscriptions/<sub>/resourceGroups/<rg>/providers/...`,
 * children under their parents, extension resources (role assignments, locks) under their scope.
 */
const SPECS: Record<string, { nameKey: string; id: (rg: string, s: State, name: string) => string; guidName?: boolean }> = {
  "azure-native:resources:ResourceGroup": { nameKey: "resourceGroupName", id: (rg) => rg },
  "azure-native:network:VirtualNetwork": { nameKey: "virtualNetworkName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/virtualNetworks/${n}` },
  "azure-native:network:Subnet": { nameKey: "subnetName", id: (rg, s, n) => `${rg}/providers/Microsoft.Network/virtualNetworks/${s.virtualNetworkName}/subnets/${n}` },
  "azure-native:network:PublicIPAddress": { nameKey: "publicIpAddressName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/publicIPAddresses/${n}` },
  "azure-native:network:NatGateway": { nameKey: "natGatewayName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/natGateways/${n}` },
  "azure-native:network:VirtualNetworkPeering": {
    nameKey: "virtualNetworkPeeringName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Network/virtualNetworks/${s.virtualNetworkName}/virtualNetworkPeerings/${n}`,
  },
  "azure-native:network:PrivateEndpoint": { nameKey: "privateEndpointName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/privateEndpoints/${n}` },
  "azure-native:network:PrivateDnsZoneGroup": {
    nameKey: "privateDnsZoneGroupName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Network/privateEndpoints/${s.privateEndpointName}/privateDnsZoneGroups/${n}`,
  },
  "azure-native:privatedns:PrivateZone": { nameKey: "privateZoneName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/privateDnsZones/${n}` },
  "azure-native:privatedns:VirtualNetworkLink": {
    nameKey: "virtualNetworkLinkName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Network/privateDnsZones/${s.privateZoneName}/virtualNetworkLinks/${n}`,
  },
  "azure-native:containerservice:ManagedCluster": { nameKey: "resourceName", id: (rg, _s, n) => `${rg}/providers/Microsoft.ContainerService/managedClusters/${n}` },
  "azure-native:containerservice:AgentPool": {
    nameKey: "agentPoolName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.ContainerService/managedClusters/${s.resourceName}/agentPools/${n}`,
  },
  "azure-native:managedidentity:UserAssignedIdentity": { nameKey: "resourceName", id: (rg, _s, n) => `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}` },
  "azure-native:managedidentity:FederatedIdentityCredential": {
    nameKey: "federatedIdentityCredentialResourceName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${s.resourceName}/federatedIdentityCredentials/${n}`,
  },
  "azure-native:authorization:RoleAssignment": { nameKey: "roleAssignmentName", id: (_rg, s, n) => `${s.scope}/providers/Microsoft.Authorization/roleAssignments/${n}`, guidName: true },
  "azure-native:authorization:ManagementLockByScope": { nameKey: "lockName", id: (_rg, s, n) => `${s.scope}/providers/Microsoft.Authorization/locks/${n}` },
  "azure-native:dbforpostgresql:Server": { nameKey: "serverName", id: (rg, _s, n) => `${rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${n}` },
  "azure-native:dbforpostgresql:Configuration": {
    nameKey: "configurationName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${s.serverName}/configurations/${n}`,
  },
  "azure-native:dbforpostgresql:Database": {
    nameKey: "databaseName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${s.serverName}/databases/${n}`,
  },
  "azure-native:redisenterprise:RedisEnterprise": { nameKey: "clusterName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Cache/redisEnterprise/${n}` },
  "azure-native:redisenterprise:Database": { nameKey: "databaseName", id: (rg, s, n) => `${rg}/providers/Microsoft.Cache/redisEnterprise/${s.clusterName}/databases/${n}` },
  "azure-native:storage:StorageAccount": { nameKey: "accountName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Storage/storageAccounts/${n}` },
  "azure-native:storage:BlobServiceProperties": { nameKey: "blobServicesName", id: (rg, s, n) => `${rg}/providers/Microsoft.Storage/storageAccounts/${s.accountName}/blobServices/${n}` },
  "azure-native:storage:ManagementPolicy": {
    nameKey: "managementPolicyName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Storage/storageAccounts/${s.accountName}/managementPolicies/${n}`,
  },
  "azure-native:storage:ObjectReplicationPolicy": {
    nameKey: "objectReplicationPolicyId",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Storage/storageAccounts/${s.accountName}/objectReplicationPolicies/${n}`,
  },
  "azure-native:trafficmanager:Profile": { nameKey: "profileName", id: (rg, _s, n) => `${rg}/providers/Microsoft.Network/trafficManagerProfiles/${n}` },
  "azure-native:dns:RecordSet": {
    nameKey: "relativeRecordSetName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Network/dnszones/${s.zoneName}/${s.recordType}/${n}`,
  },
  "azure-native:storage:BlobContainer": {
    nameKey: "containerName",
    id: (rg, s, n) => `${rg}/providers/Microsoft.Storage/storageAccounts/${s.accountName}/blobServices/default/containers/${n}`,
  },
};

/** azure-native's auto-naming: the logical name with a random suffix and no separator; here the suffix comes from the URN. */
function azureAutoName(ctx: MockContext): string {
  return `${ctx.name}${ctx.hash.slice(0, 8)}`;
}

function subscriptionOf(providerInputs: Record<string, unknown>): string {
  return typeof providerInputs.subscriptionId === "string" && providerInputs.subscriptionId ? providerInputs.subscriptionId : PLANNED_AZURE.subscriptionId;
}

/**
 * What AKS refuses in a create request's `agentPoolProfiles` before it creates anything: no system pool ("Every
 * AKS cluster must contain at least one system node pool"), a pool without a mode ("a required property and
 * must be explicitly set when using ARM templates or direct API calls"), a name that is not lower-case letters
 * and digits starting with a letter, at most 12 characters for Linux pools (learn.microsoft.com/azure/aks/
 * use-system-pools, "Limitations"; create-node-pools says 1-11, so the stricter holds here), two pools of one
 * name, and "When you create multiple node pools at cluster creation time, the Kubernetes versions for the node
 * pools must match the version set for the control plane" (create-node-pools, "Limitations"). All read
 * 2026-12-01.
 */
export function aksCreateProblems(inputs: Record<string, unknown>): string[] {
  const pools = (inputs.agentPoolProfiles ?? []) as Array<Record<string, unknown>>;
  const problems: string[] = [];
  if (!pools.some((p) => p.mode === "System")) problems.push("agentPoolProfiles has no pool with mode System");
  const seen = new Set<string>();
  pools.forEach((p, i) => {
    const name = String(p.name ?? "");
    if (p.mode !== "System" && p.mode !== "User") problems.push(`agentPoolProfiles[${i}] (${name}) has no mode`);
    if (!/^[a-z][a-z0-9]{0,10}$/.test(name)) problems.push(`agentPoolProfiles[${i}] is named ${JSON.stringify(name)}: lower-case letters and digits, starting with a letter, at most 11`);
    if (seen.has(name)) problems.push(`agentPoolProfiles has two pools named ${name}`);
    seen.add(name);
    if (p.orchestratorVersion !== undefined && p.orchestratorVersion !== inputs.kubernetesVersion) {
      problems.push(`agentPoolProfiles[${i}] (${name}) has orchestratorVersion ${JSON.stringify(p.orchestratorVersion)}, the cluster ${JSON.stringify(inputs.kubernetesVersion)}`);
    }
  });
  return problems;
}

/**
 * What Flexible Server refuses in a create request for a read replica: no source ("Required when 'createMode' is
 * ... 'Replica'", FlexibleServers.json 2025-08-01), high availability or geo-redundant backup ("Certain
 * functionalities are restricted to primary servers and can't be set up on read replicas. These include:
 * Backups, including geo-backups. High availability (HA)", concepts-read-replicas), and an administrator of its
 * own (the replica inherits the primary's). Read 2026-12-01.
 */
export function flexibleServerCreateProblems(inputs: Record<string, unknown>, now = Date.now()): string[] {
  if (inputs.createMode === "GeoRestore") return geoRestoreProblems(inputs);
  if (inputs.createMode === "PointInTimeRestore") return pointInTimeRestoreProblems(inputs, now);
  if (inputs.createMode !== "Replica") return [];
  const problems: string[] = [];
  const ha = (inputs.highAvailability ?? {}) as Record<string, unknown>;
  const backup = (inputs.backup ?? {}) as Record<string, unknown>;
  if (!inputs.sourceServerResourceId) problems.push("createMode Replica without sourceServerResourceId");
  if (ha.mode !== undefined && ha.mode !== "Disabled") problems.push(`a replica with highAvailability.mode ${JSON.stringify(ha.mode)}`);
  if (backup.geoRedundantBackup === "Enabled") problems.push("a replica with geo-redundant backup");
  if (inputs.administratorLogin !== undefined || inputs.administratorLoginPassword !== undefined) problems.push("a replica with an administrator of its own");
  return problems;
}

/**
 * What Flexible Server refuses, or accepts without doing it, in a geo-restore request: no source or no time
 * (`sourceServerResourceId` and `pointInTimeUTC` are "required when 'createMode' is ... 'GeoRestore'",
 * FlexibleServers.json 2025-08-01); high availability, which a restore never has ("The server is restored as a
 * single-instance", concepts-backup-restore FAQ; asked for anyway, the request succeeds without it,
 * Azure/azure-rest-api-specs#20600); geo-redundant backup, which it cannot have while the source's region is down
 * ("When the primary region is down, you can't create geo-redundant servers in the respective geo-paired region",
 * concepts-backup-restore); and a compute tier or size of its own ("Changing other server configurations -such as
 * compute, storage, or pricing tier- isn't supported during geo-restore", same page), which the stack never sends
 * different from its primary's, so the mock sees only the shape. An administrator of its own is refused too:
 * the restore has the source's, and whether Azure would take another one is not documented. Read 2026-12-01.
 */
function geoRestoreProblems(inputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const ha = (inputs.highAvailability ?? {}) as Record<string, unknown>;
  const backup = (inputs.backup ?? {}) as Record<string, unknown>;
  if (!inputs.sourceServerResourceId) problems.push("createMode GeoRestore without sourceServerResourceId");
  if (typeof inputs.pointInTimeUTC !== "string" || Number.isNaN(Date.parse(inputs.pointInTimeUTC))) problems.push("createMode GeoRestore without an ISO 8601 pointInTimeUTC");
  if (ha.mode !== undefined && ha.mode !== "Disabled") problems.push(`a geo-restore with highAvailability.mode ${JSON.stringify(ha.mode)}`);
  if (backup.geoRedundantBackup === "Enabled") problems.push("a geo-restore with geo-redundant backup");
  if (inputs.administratorLogin !== undefined || inputs.administratorLoginPassword !== undefined) problems.push("a geo-restore with an administrator of its own (it has the source's)");
  return problems;
}

/**
 * What Flexible Server refuses, or accepts without doing it, in a point-in-time restore request: no source or no
 * time (both "required when 'createMode' is 'PointInTimeRestore'", FlexibleServers.json 2025-08-01); a time in the
 * future, past "the latest point in time" a restore recovers to (concepts-backup-restore, "Point-in-time recovery");
 * high availability, which a restore never has ("The server is restored as a single-instance", same page, FAQ);
 * and an administrator of its own, as for a geo-restore: the restore has the source's. The same region as the
 * source ("Point in time restore only supports the deployment of the new server in the same region in which the
 * source server exists", how-to-restore-latest-restore-point) cannot be checked here, the source's id naming no
 * region. A time before the source's earliest restore point is refused by Azure too; the mock does not know when
 * the source was created. Read 2026-12-01.
 */
function pointInTimeRestoreProblems(inputs: Record<string, unknown>, now: number): string[] {
  const problems: string[] = [];
  const ha = (inputs.highAvailability ?? {}) as Record<string, unknown>;
  const at = typeof inputs.pointInTimeUTC === "string" ? Date.parse(inputs.pointInTimeUTC) : Number.NaN;
  if (!inputs.sourceServerResourceId) problems.push("createMode PointInTimeRestore without sourceServerResourceId");
  if (Number.isNaN(at)) problems.push("createMode PointInTimeRestore without an ISO 8601 pointInTimeUTC");
  // A minute of slack for the clocks of the runner and of Azure.
  else if (at > now + 60_000) problems.push(`a point-in-time restore to ${String(inputs.pointInTimeUTC)}, which is in the future`);
  if (ha.mode !== undefined && ha.mode !== "Disabled") problems.push(`a point-in-time restore with highAvailability.mode ${JSON.stringify(ha.mode)}`);
  if (inputs.administratorLogin !== undefined || inputs.administratorLoginPassword !== undefined) problems.push("a point-in-time restore with an administrator of its own (it has the source's)");
  return problems;
}

/** Answers for `azure-native:` resources: inputs echoed, plus the name, the ARM id and the computed outputs the program reads. */
export function azureResource(ctx: MockContext): { id: string; state: Record<string, unknown> } {
  const subscription = subscriptionOf(ctx.providerInputs);
  const state: State = { ...ctx.inputs };
  const spec = SPECS[ctx.type];
  const [, module, kind] = ctx.type.split(":");
  const nameKey = spec?.nameKey ?? "name";
  if (state[nameKey] === undefined) state[nameKey] = spec?.guidName ? guid(ctx.hash) : azureAutoName(ctx);
  const name = String(state[nameKey]);
  const rg = ctx.type === "azure-native:resources:ResourceGroup" ? `/subscriptions/${subscription}/resourceGroups/${name}` : `/subscriptions/${subscription}/resourceGroups/${state.resourceGroupName}`;
  const id = spec ? spec.id(rg, state, name) : `${rg}/providers/Microsoft.${module}/${kind}/${name}`;
  const location = String(state.location ?? ctx.providerInputs.location ?? "westeurope");
  state.name = name;
  state.id = id;
  state.provisioningState = "Succeeded";

  switch (ctx.type) {
    case "azure-native:containerservice:ManagedCluster": {
      const refused = aksCreateProblems(state);
      if (refused.length > 0) throw new Error(`AKS would refuse to create ${name}: ${refused.join("; ")}`);
      // AKS lists a cluster's pools by name, whatever order the request gave them in (see
      // components/azure/inlinePools.ts), each with the version it runs and its state.
      state.agentPoolProfiles = ((state.agentPoolProfiles ?? []) as Array<Record<string, unknown>>)
        .slice()
        .sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0))
        .map((p) => ({ ...p, currentOrchestratorVersion: `${p.orchestratorVersion ?? state.kubernetesVersion}.4`, provisioningState: "Succeeded", powerState: { code: "Running" } }));
      const label = `${state.dnsPrefix ?? name}-${ctx.hash.slice(0, 8)}`;
      const access = (state.apiServerAccessProfile ?? {}) as Record<string, unknown>;
      state.fqdn = `${label}.hcp.${location}.azmk8s.io`;
      if (access.enablePrivateCluster) {
        // The API server's record goes in the cluster's own zone when one is given, else in AKS's default zone.
        const zone = typeof access.privateDNSZone === "string" && access.privateDNSZone.startsWith("/") ? access.privateDNSZone.split("/").pop() : undefined;
        state.privateFQDN = `${label}.${zone ?? `${access.enableVnetIntegration ? "private" : "privatelink"}.${location}.azmk8s.io`}`;
      }
      state.azurePortalFQDN = `${label}.portal.hcp.${location}.azmk8s.io`;
      state.currentKubernetesVersion = `${state.kubernetesVersion}.4`;
      state.nodeResourceGroup = `MC_${state.resourceGroupName}_${name}_${location}`;
      state.oidcIssuerProfile = { ...(state.oidcIssuerProfile as object), issuerURL: `https://${location}.oic.prod-aks.azure.com/${PLANNED_AZURE.tenantId}/${guid(ctx.hash)}/` };
      state.identityProfile = {
        kubeletidentity: {
          clientId: guid(`${ctx.hash}kubelet-client`),
          objectId: guid(`${ctx.hash}kubelet-object`),
          resourceId: `/subscriptions/${subscription}/resourceGroups/${state.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}-agentpool`,
        },
      };
      state.powerState = { code: "Running" };
      state.maxAgentPools = 100;
      break;
    }
    case "azure-native:containerservice:AgentPool":
      state.currentOrchestratorVersion = `${state.orchestratorVersion}.4`;
      state.powerState = { code: "Running" };
      break;
    case "azure-native:managedidentity:UserAssignedIdentity":
      state.clientId = guid(`${ctx.hash}client`);
      state.principalId = guid(`${ctx.hash}principal`);
      state.tenantId = PLANNED_AZURE.tenantId;
      break;
    case "azure-native:dbforpostgresql:Server": {
      const refused = flexibleServerCreateProblems(state);
      if (refused.length > 0) throw new Error(`Flexible Server would refuse to create ${name}: ${refused.join("; ")}`);
      state.fullyQualifiedDomainName = `${name}.postgres.database.azure.com`;
      state.state = "Ready";
      const replica = state.createMode === "Replica";
      if (state.createMode === "GeoRestore" || state.createMode === "PointInTimeRestore") {
        // Azure returns neither: the time is create-only and the source "is returned only when the target server
        // is a read replica" (@pulumi/azure-native 3.28.0 dbforpostgresql/server.d.ts).
        delete state.pointInTimeUTC;
        delete state.sourceServerResourceId;
      }
      // A promoted replica is a standalone server; a replica in another region than its source a geo replica.
      const promoted = replica && (state.replica as Record<string, unknown> | undefined)?.promoteMode !== undefined;
      state.replicationRole = !replica ? "Primary" : promoted ? "None" : "GeoAsyncReplica";
      state.highAvailability = replica ? { mode: "Disabled", state: "NotEnabled" } : { ...(state.highAvailability as object), state: "Healthy" };
      break;
    }
    case "azure-native:storage:ObjectReplicationPolicy": {
      // On the destination, `default` asks Azure for the policy id and each rule's id; the source repeats them.
      const policyId = state.objectReplicationPolicyId === "default" ? guid(`${ctx.hash}policy`) : String(state.objectReplicationPolicyId);
      state.policyId = policyId;
      state.name = policyId;
      state.rules = ((state.rules ?? []) as Array<Record<string, unknown>>).map((r) => ({ ...r, ruleId: r.ruleId ?? guid(`${ctx.hash}${r.sourceContainer}${r.destinationContainer}`) }));
      state.enabledTime = "2026-12-01T00:00:00Z";
      return { id: `${rg}/providers/Microsoft.Storage/storageAccounts/${state.accountName}/objectReplicationPolicies/${policyId}`, state };
    }
    case "azure-native:trafficmanager:Profile": {
      const dnsConfig = (state.dnsConfig ?? {}) as Record<string, unknown>;
      state.dnsConfig = { ...dnsConfig, fqdn: `${dnsConfig.relativeName}.trafficmanager.net` };
      state.endpoints = ((state.endpoints ?? []) as Array<Record<string, unknown>>).map((e) => ({ ...e, id: `${id}/externalEndpoints/${e.name}`, endpointMonitorStatus: "Online" }));
      break;
    }
    case "azure-native:dns:RecordSet":
      state.fqdn = `${state.relativeRecordSetName === "@" ? "" : `${state.relativeRecordSetName}.`}${state.zoneName}.`;
      state.provisioningState = "Succeeded";
      break;
    case "azure-native:redisenterprise:RedisEnterprise":
      state.hostName = `${name}.${location}.redis.azure.net`;
      state.redisVersion = "7.4";
      state.resourceState = "Running";
      // Zone-redundant when high availability is on (the service's default) in a region with zones.
      state.redundancyMode = state.highAvailability === "Disabled" ? "None" : "ZR";
      break;
    case "azure-native:redisenterprise:Database":
      state.port = state.port ?? 10000;
      state.clientProtocol = state.clientProtocol ?? "Encrypted";
      state.redisVersion = "7.4";
      state.resourceState = "Running";
      break;
    case "azure-native:storage:StorageAccount": {
      const endpoint = (service: string) => `https://${name}.${service}.core.windows.net/`;
      state.primaryEndpoints = { blob: endpoint("blob"), dfs: endpoint("dfs"), file: endpoint("file"), queue: endpoint("queue"), table: endpoint("table"), web: endpoint("web") };
      state.primaryLocation = location;
      state.statusOfPrimary = "available";
      break;
    }
    case "azure-native:network:PublicIPAddress":
      state.ipAddress = `203.0.113.${parseInt(ctx.hash.slice(0, 2), 16) % 250}`;
      break;
    case "azure-native:network:PrivateEndpoint":
      state.networkInterfaces = [{ id: `${rg}/providers/Microsoft.Network/networkInterfaces/${name}.nic.${guid(ctx.hash)}` }];
      break;
    case "azure-native:privatedns:PrivateZone":
      state.numberOfRecordSets = 1;
      break;
    case "azure-native:network:VirtualNetworkPeering":
      // Each side reads Initiated until the other exists; a plan shows the end state of both.
      state.peeringState = "Connected";
      state.peeringSyncLevel = "FullyInSync";
      break;
  }
  return { id, state };
}

/** Canned answers for the read-only Azure calls the program makes. */
export function azureInvoke(token: string, args: Record<string, unknown>, providerInputs: Record<string, unknown>): Record<string, unknown> | undefined {
  switch (token) {
    case "azure-native:authorization:getClientConfig":
      return { clientId: PLANNED_AZURE.clientId, objectId: PLANNED_AZURE.objectId, subscriptionId: subscriptionOf(providerInputs), tenantId: PLANNED_AZURE.tenantId };
    case "azure-native:containerservice:listManagedClusterUserCredentials": {
      // What AKS returns for an Entra-integrated cluster: the cluster's address and CA, and a user entry that
      // runs kubelogin; no token, because local accounts are off.
      const name = String(args.resourceName);
      const hash = stableHash(`${args.resourceGroupName}/${name}`);
      const ca = Buffer.from(`-----BEGIN CERTIFICATE-----\nplanned-aks-ca-${hash}\n-----END CERTIFICATE-----\n`).toString("base64");
      const kubeconfig = {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: `https://${name}-${hash.slice(0, 8)}.hcp.${providerInputs.location ?? "westeurope"}.azmk8s.io:443`, "certificate-authority-data": ca } }],
        contexts: [{ name, context: { cluster: name, user: `clusterUser_${args.resourceGroupName}_${name}` } }],
        "current-context": name,
        users: [
          {
            name: `clusterUser_${args.resourceGroupName}_${name}`,
            user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "devicecode", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"] } },
          },
        ],
      };
      return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(stringify(kubeconfig)).toString("base64") }] };
    }
    // The planner has no cloud to ask: a database the stack is about to promote (a re-seeded replica) exists.
    // Whether it really does is what `dalp-ha diff` judges against a state, and the cloud against itself.
    case "azure-native:dbforpostgresql:getServer":
      return { id: `/subscriptions/${subscriptionOf(providerInputs)}/resourceGroups/${String(args.resourceGroupName)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${String(args.serverName)}`, name: String(args.serverName) };
    case "azure-native:dns:getZone": {
      // Any zone the configuration names exists in a plan; its shape and the domain were checked before.
      const zone = String(args.zoneName);
      return {
        id: `/subscriptions/${subscriptionOf(providerInputs)}/resourceGroups/${args.resourceGroupName}/providers/Microsoft.Network/dnszones/${zone}`,
        name: zone,
        location: "global",
        zoneType: "Public",
        nameServers: ["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.", "ns3-01.azure-dns.org.", "ns4-01.azure-dns.info."],
        numberOfRecordSets: 2,
        maxNumberOfRecordSets: 10000,
        maxNumberOfRecordsPerRecordSet: 20,
        azureApiVersion: "2023-07-01-preview",
      };
    }
    case "azure-native:redisenterprise:listDatabaseKeys": {
      const hash = stableHash(`${args.resourceGroupName}/${args.clusterName}/${args.databaseName}`, 64);
      return { primaryKey: Buffer.from(`primary-${hash}`).toString("base64"), secondaryKey: Buffer.from(`secondary-${hash}`).toString("base64") };
    }
    default:
      return undefined;
  }
}
