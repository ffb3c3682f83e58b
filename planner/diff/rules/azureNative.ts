import type { DiffRule, Props, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * azure-native replaces a resource when a property is create-only: its path parameters (the resource group and
 * the names in the ARM id), `location`, every top-level property whose API spec says `x-ms-mutability` without
 * "update", and the hand-kept `forceNewMap` (pulumi/pulumi-azure-native provider/pkg/gen/properties.go
 * `forceNew` and replacement.go at commit 1b7112a, read 2026-12-01). A create-only property of a nested type does
 * not replace the resource (properties.go: "a non-updatable property at a subtype level ... does not mandate the
 * replacement of the whole resource"): Azure then rejects the update at apply time instead.
 */
const FORCE_NEW_MAP = "pulumi/pulumi-azure-native provider/pkg/gen/replacement.go forceNewMap (commit 1b7112a), read 2026-12-01";
const LOCATION = "ARM: a tracked resource's location is x-ms-mutability [read, create] (azure-rest-api-specs common-types TrackedResource; ARM RPC-Put-V1-14), read 2026-12-01";
const PATH_PARAMETER = "azure-native: the ARM path parameters (resource group and resource names) address the resource; another value is another resource";
const POSTGRES_SPEC =
  "Azure/azure-rest-api-specs Microsoft.DBforPostgreSQL stable/2025-08-01 FlexibleServers.json (commit 14bc04b) ServerProperties x-ms-mutability [create, read] / [create], read 2026-12-01";

/** The names an ARM id addresses: the resource group and every `<type>/<name>` pair under the provider namespace. */
function armIdNames(id: unknown): Set<string> {
  const names = new Set<string>();
  if (typeof id !== "string") return names;
  const parts = id.split("/").filter(Boolean);
  const rg = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  if (rg >= 0 && parts[rg + 1]) names.add(parts[rg + 1].toLowerCase());
  const providers = parts.findIndex((p) => p.toLowerCase() === "providers");
  if (providers >= 0) for (let i = providers + 3; i < parts.length; i += 2) names.add(parts[i].toLowerCase());
  return names;
}

/**
 * Rules every azure-native resource has: `location`, `resourceGroupName`, and each `…Name` input whose old value
 * is one of the names in the old ARM id (the path parameters azure-native puts in the request URL).
 */
export function azureNativeGenericRules(oldInputs: Props, oldOutputs: Props): DiffRule[] {
  const names = armIdNames(oldOutputs.id);
  const pathParameters = Object.entries(oldInputs)
    .filter(([key, value]) => key.endsWith("Name") && typeof value === "string" && names.has(value.toLowerCase()))
    .map(([key]) => key);
  return [
    { path: "location", effect: "replace", source: LOCATION },
    ...replaceOn([...new Set(["resourceGroupName", ...pathParameters])], PATH_PARAMETER),
  ];
}

export const AZURE_NATIVE_RULES: TypeRules[] = [
  { type: "azure-native:resources:ResourceGroup", rules: replaceOn(["location"], FORCE_NEW_MAP) },
  {
    type: "azure-native:dbforpostgresql:Server",
    rules: replaceOn(["administratorLogin", "availabilityZone", "sourceServerResourceId", "pointInTimeUTC"], POSTGRES_SPEC),
  },
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
        "networkProfile.dnsServiceIP",
        "networkProfile.networkMode",
        "networkProfile.networkPlugin",
        "networkProfile.networkPluginMode",
        "networkProfile.podCidr",
        "networkProfile.networkDataplane",
        "networkProfile.networkPolicy",
        "networkProfile.outboundType",
        "agentPoolProfiles[*].networkProfile.nodePublicIPTags",
      ],
      FORCE_NEW_MAP,
    ),
  },
  { type: "azure-native:containerservice:AgentPool", rules: replaceOn(["gpuInstanceProfile", "vmSize", "networkProfile.nodePublicIPTags"], FORCE_NEW_MAP) },
  { type: "azure-native:storage:StorageAccount", rules: replaceOn(["isHnsEnabled", "location"], FORCE_NEW_MAP) },
  // forceNewMap lists BlobContainer with "no force-news": its path parameters are all that replace it.
  { type: "azure-native:storage:BlobContainer", rules: [] },
  { type: "azure-native:authorization:RoleAssignment", rules: replaceOn(["principalId", "scope"], FORCE_NEW_MAP) },
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
  "azure-native:redisenterprise:RedisEnterprise": "redisenterprise.json of Microsoft.Cache 2025-07-01 not read yet",
  "azure-native:redisenterprise:Database": "redisenterprise.json of Microsoft.Cache 2025-07-01 not read yet",
};
