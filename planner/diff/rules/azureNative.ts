import type { ChangeContext, DiffRule, Props, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * How azure-native decides a replacement (pulumi/pulumi-azure-native, read 2026-12-01 in the public code index:
 * provider/pkg/provider/diff.go `calculateDetailedDiff` and `applyAzureSpecificDiff`, provider/pkg/gen/properties.go
 * `forceNew`, provider/pkg/gen/replacement.go `forceNewMap` in the version that cites pulumi-azure-native#4756):
 * - every path parameter of the PUT request (the resource group, the names in the ARM id, an extension
 *   resource's `scope`) replaces;
 * - a top-level property whose API spec says `x-ms-mutability` without "update" is ForceNew; the same marking
 *   on a property of a nested type is not ("a non-updatable property at a subtype level ... does not mandate the
 *   replacement of the whole resource"): azure-native sends the update and Azure rejects it at apply time;
 * - a property named in the hand-kept `forceNewMap` is ForceNew wherever a type of that resource has it, but
 *   `calculateDetailedDiff` looks only at the top level and one level down (`prop`, `prop.` and `prop[].`): a map
 *   entry that only occurs deeper (ManagedCluster's `agentPoolProfiles[].networkProfile.nodePublicIPTags`) never
 *   replaces anything;
 * - before that, `applyAzureSpecificDiff` drops a change of `location` in case or spaces, of `resourceGroupName`
 *   in case, and of a `sku` between the AKS spellings Basic/Base and Paid/Standard.
 */
const AZURE_NATIVE = "pulumi/pulumi-azure-native";
const FORCE_NEW_MAP = `${AZURE_NATIVE} provider/pkg/gen/replacement.go forceNewMap (the version citing #4756), read 2026-12-01`;
const AZURE_SPECIFIC_DIFF = `${AZURE_NATIVE} provider/pkg/provider/diff.go applyAzureSpecificDiff, read 2026-12-01`;
const LOCATION = "ARM: a tracked resource's location is x-ms-mutability [read, create] (azure-rest-api-specs common-types TrackedResource; ARM RPC-Put-V1-14), read 2026-12-01";
const PATH_PARAMETER = `${AZURE_NATIVE} provider/pkg/provider/diff.go calculateDetailedDiff: every PUT path parameter (resource group, the names in the ARM id, an extension resource's scope) replaces, read 2026-12-01`;
const POSTGRES_SPEC =
  "Azure/azure-rest-api-specs Microsoft.DBforPostgreSQL stable/2025-08-01 FlexibleServers.json (commit 14bc04b) ServerProperties x-ms-mutability [create, read] / [create], read 2026-12-01";
const LOCK_BY_SCOPE =
  "ARM Management Locks 2020-05-01 (the version @pulumi/azure-native 3.28.0 uses): PUT /{scope}/providers/Microsoft.Authorization/locks/{lockName}, both path parameters, read 2026-12-01";

/** What a table built from `forceNewMap` alone leaves out: the API spec's create-only top-level properties. */
const SPEC_NOT_READ = (spec: string) => `the table holds azure-native's forceNewMap only; the create-only top-level properties of ${spec} are not read yet`;

/** The ARM id's segments after each `providers/<namespace>`: `<type>/<name>` pairs, nested extension resources included. */
function armIdNames(id: unknown): Set<string> {
  const names = new Set<string>();
  if (typeof id !== "string") return names;
  const parts = id.split("/").filter(Boolean);
  const rg = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  if (rg >= 0 && parts[rg + 1]) names.add(parts[rg + 1].toLowerCase());
  let i = 0;
  while (i < parts.length) {
    if (parts[i].toLowerCase() !== "providers") {
      i++;
      continue;
    }
    // providers / <namespace> / <type> / <name> [/ <type> / <name> ...] until the next `providers`.
    let j = i + 3;
    while (j < parts.length && parts[j - 1].toLowerCase() !== "providers" && parts[j].toLowerCase() !== "providers") {
      names.add(parts[j].toLowerCase());
      j += 2;
    }
    i = j - 1;
  }
  return names;
}

/** An extension resource's scope: the old id begins with it and goes on under `/providers/`. */
function isScopeOf(value: unknown, id: unknown): boolean {
  if (typeof value !== "string" || typeof id !== "string" || value === "") return false;
  const scope = value.replace(/\/+$/, "").toLowerCase();
  return id.toLowerCase().startsWith(`${scope}/providers/`);
}

const normalizedLocation = (s: string) => s.replace(/ /g, "").toLowerCase();

const bothStrings = (c: ChangeContext): c is ChangeContext & { old: string; new: string } => typeof c.old === "string" && typeof c.new === "string";

/** `sameManagedClusterSku`: exactly `name` and `tier` on both sides, Basic ≡ Base and Paid ≡ Standard. */
function sameManagedClusterSku(old: unknown, next: unknown): boolean {
  const pair = (v: unknown) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
    const o = v as Props;
    return Object.keys(o).length === 2 && typeof o.name === "string" && typeof o.tier === "string" ? (o as { name: string; tier: string }) : undefined;
  };
  const [a, b] = [pair(old), pair(next)];
  if (!a || !b) return false;
  const same = (x: string, y: string, [p, q]: [string, string]) => x === y || (x === p && y === q) || (x === q && y === p);
  return same(a.name, b.name, ["Basic", "Base"]) && same(a.tier, b.tier, ["Paid", "Standard"]);
}

/**
 * Rules every azure-native resource has: `location`, `resourceGroupName`, each `…Name` input whose old value is
 * one of the names in the old ARM id, and a `scope` the old id is under (the path parameters azure-native puts in
 * the request URL); and the spellings `applyAzureSpecificDiff` treats as the same.
 */
export function azureNativeGenericRules(oldInputs: Props, oldOutputs: Props): DiffRule[] {
  const names = armIdNames(oldOutputs.id);
  const pathParameters = Object.entries(oldInputs)
    .filter(([key, value]) => (key.endsWith("Name") && typeof value === "string" && names.has(value.toLowerCase())) || (key === "scope" && isScopeOf(value, oldOutputs.id)))
    .map(([key]) => key);
  return [
    {
      path: "location",
      effect: "no-diff",
      condition: "the same location in another case or with spaces (\"West Europe\" and \"westeurope\")",
      when: (c) => bothStrings(c) && normalizedLocation(c.old) === normalizedLocation(c.new),
      source: AZURE_SPECIFIC_DIFF,
    },
    {
      path: "resourceGroupName",
      effect: "no-diff",
      condition: "the same resource group name in another case",
      when: (c) => bothStrings(c) && c.old.toLowerCase() === c.new.toLowerCase(),
      source: AZURE_SPECIFIC_DIFF,
    },
    {
      path: "sku",
      effect: "no-diff",
      condition: "a {name, tier} sku that differs only between Basic and Base or Paid and Standard",
      when: (c) => sameManagedClusterSku(c.old, c.new),
      source: AZURE_SPECIFIC_DIFF,
    },
    { path: "location", effect: "replace", source: LOCATION },
    ...replaceOn([...new Set(["resourceGroupName", ...pathParameters])], PATH_PARAMETER),
  ];
}

export const AZURE_NATIVE_RULES: TypeRules[] = [
  { type: "azure-native:resources:ResourceGroup", rules: replaceOn(["location"], FORCE_NEW_MAP) },
  // A geo replica's promotion touches neither create-only input: `createMode` is [create, update] and `replica`
  // (promoteMode, promoteOption) is [read, update], so both update in place; `sourceServerResourceId` is
  // [create, read], and the stack keeps it as the replica was created (components/azure/postgresFlexibleServer.ts).
  {
    type: "azure-native:dbforpostgresql:Server",
    rules: replaceOn(["administratorLogin", "availabilityZone", "sourceServerResourceId", "pointInTimeUTC"], POSTGRES_SPEC),
  },
  // The record type is a path segment of the record set's id (.../dnsZones/{zone}/{recordType}/{name}), but its
  // input is not called `…Name`, so the generic rules would not find it.
  { type: "azure-native:dns:RecordSet", rules: replaceOn(["recordType"], `${PATH_PARAMETER}; DNS RecordSets_CreateOrUpdate path /dnsZones/{zoneName}/{recordType}/{relativeRecordSetName}`) },
  // Likewise the policy id: .../objectReplicationPolicies/{objectReplicationPolicyId}.
  {
    type: "azure-native:storage:ObjectReplicationPolicy",
    rules: replaceOn(["objectReplicationPolicyId"], `${PATH_PARAMETER}; Storage ObjectReplicationPolicies_CreateOrUpdate path .../objectReplicationPolicies/{objectReplicationPolicyId}`),
  },
  // The cache cluster's high availability: the restore drill's cache is created without it, production's with it.
  {
    type: "azure-native:redisenterprise:RedisEnterprise",
    rules: [
      {
        path: "highAvailability",
        effect: "refused",
        condition: "high availability is switched off on a cluster that has it (Enabled, or unset, the default): Azure takes a change from Disabled to Enabled only",
        when: (c) => c.new === "Disabled" && c.old !== "Disabled",
        source: "Azure/azure-powershell Az.RedisEnterpriseCache New-AzRedisEnterpriseCache -HighAvailability (\"Enabled by default. Can only be updated from disabled to enabled\"), read 2026-12-01",
      },
    ],
    unread: SPEC_NOT_READ("Microsoft.Cache redisenterprise.json 2025-07-01"),
  },
  // A profile is global and holds no data; its endpoints are declared inline, so a failover updates it.
  { type: "azure-native:trafficmanager:Profile", rules: [], unread: SPEC_NOT_READ("Microsoft.Network trafficmanager.json") },
  {
    type: "azure-native:containerservice:ManagedCluster",
    rules: replaceOn(
      [
        "diskEncryptionSetID",
        "dnsPrefix",
        "fqdnSubdomain",
        "linuxProfile",
        "location",
        "nodeResourceGroup",
        "windowsProfile",
        "networkProfile.serviceCidr",
        "networkProfile.serviceCidrs",
        "networkProfile.podCidr",
        "networkProfile.podCidrs",
        "networkProfile.dnsServiceIP",
        "networkProfile.networkMode",
        "networkProfile.networkPlugin",
        "networkProfile.networkPluginMode",
        "networkProfile.networkDataplane",
        "networkProfile.networkPolicy",
        "networkProfile.outboundType",
        "networkProfile.ipFamilies",
      ],
      FORCE_NEW_MAP,
    ),
    unread: SPEC_NOT_READ("Microsoft.ContainerService aks stable/2025-09-01 managedClusters.json"),
  },
  {
    type: "azure-native:containerservice:AgentPool",
    rules: replaceOn(["gpuInstanceProfile", "vmSize", "networkProfile.nodePublicIPTags"], FORCE_NEW_MAP),
    unread: SPEC_NOT_READ("Microsoft.ContainerService aks stable/2025-09-01 managedClusters.json (AgentPool)"),
  },
  {
    type: "azure-native:storage:StorageAccount",
    rules: replaceOn(["isHnsEnabled", "location"], FORCE_NEW_MAP),
    unread: SPEC_NOT_READ("Microsoft.Storage storage.json"),
  },
  // forceNewMap lists BlobContainer with "no force-news": its path parameters are all that replace it.
  { type: "azure-native:storage:BlobContainer", rules: [], unread: SPEC_NOT_READ("Microsoft.Storage blob.json") },
  { type: "azure-native:authorization:RoleAssignment", rules: replaceOn(["principalId", "scope"], FORCE_NEW_MAP) },
  // The generic rules find `scope` from the old id as well; the table says it where no id is recorded yet.
  { type: "azure-native:authorization:ManagementLockByScope", rules: replaceOn(["scope", "lockName"], LOCK_BY_SCOPE) },
  { type: "azure-native:network:PrivateEndpoint", rules: replaceOn(["subnet"], FORCE_NEW_MAP) },
  { type: "azure-native:network:PublicIPAddress", rules: replaceOn(["location", "publicIPAddressVersion", "publicIPPrefix", "sku"], FORCE_NEW_MAP) },
  { type: "azure-native:network:VirtualNetwork", rules: replaceOn(["location"], FORCE_NEW_MAP) },
];

/**
 * Stateful azure-native types this project creates whose API spec has not been read for create-only properties:
 * only the generic rules (location, path parameters) decide, and `diff` says so when one of them changes.
 */
export const AZURE_NATIVE_NOT_READ: Record<string, string> = {
  "azure-native:dbforpostgresql:Database": "Databases.json of Microsoft.DBforPostgreSQL 2025-08-01 not read yet",
  "azure-native:redis:Redis": "redis.json of Microsoft.Cache 2024-11-01 not read yet",
  "azure-native:redisenterprise:Database": "redisenterprise.json of Microsoft.Cache 2025-07-01 not read yet",
};
