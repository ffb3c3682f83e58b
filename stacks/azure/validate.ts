import { PostgresMajorVersion } from "@pulumi/azure-native/types/enums/dbforpostgresql";
import { SkuName as RedisSkuName } from "@pulumi/azure-native/types/enums/redisenterprise";
import { didYouMean } from "../../config/didYouMean";
import { ConfigIssue, renderValue } from "../../config/errors";
import { Check, guard, runChecks } from "../../config/guardedChecks";
import { kubernetesVersionIssues } from "../../config/kubernetesVersionSupport";
import type { DalpConfig } from "../../config/types";
import { isCidr, overlaps } from "../../lib/cidr";
import { OVERLAY_RANGES } from "../../components/azure/subnetPlan";
import { POSTGRES_STORAGE_SIZES_GB } from "./defaults";
import { AKS_CALENDAR } from "./kubernetesVersions";
import { azureTagKey } from "./names";
import { AZURE_REGIONS_WITHOUT_APISERVER_VNET_INTEGRATION, AZURE_REGIONS_WITHOUT_ZONES, AZURE_ZONAL_REGIONS, geoRestoreRegion, hotColdRegionPairs } from "./regions";

const REGION = /^[a-z][a-z0-9]+$/;
const VM_SIZE = /^Standard_[A-Z][A-Za-z0-9_]*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PostgresTier = "Burstable" | "GeneralPurpose" | "MemoryOptimized";

/**
 * The Flexible Server compute tier a SKU belongs to, from its VM family: B is Burstable, D General Purpose,
 * E Memory Optimized (learn.microsoft.com/azure/postgresql/flexible-server/concepts-compute, read 2026-11-22).
 */
export function postgresTier(sku: string): PostgresTier | undefined {
  const family = /^Standard_([A-Z])[0-9]+[a-z]*(_v[0-9]+)?$/.exec(sku)?.[1];
  return family === "B" ? "Burstable" : family === "D" ? "GeneralPurpose" : family === "E" ? "MemoryOptimized" : undefined;
}

/**
 * Major versions Flexible Server creates, from the provider schema, limited to those in Azure standard
 * support on 2026-11-22 (learn.microsoft.com/azure/postgresql/configure-maintain/concepts-version-policy:
 * 14 until 2026-12-11 ... 18 until 2030-11-14).
 */
const POSTGRES_VERSIONS = Object.values(PostgresMajorVersion).filter((v) => Number(v) >= 14);

/** Azure Managed Redis SKUs from the provider schema; the Enterprise ones belong to the retiring Azure Cache for Redis Enterprise. */
const MANAGED_REDIS_SKUS = Object.values(RedisSkuName).filter((s) => !s.startsWith("Enterprise"));

/**
 * Administrator names Flexible Server refuses (learn.microsoft.com/azure/postgresql/flexible-server/
 * quickstart-create-server, "Admin username", read 2026-11-22); names starting with `pg_` are refused too.
 */
const RESERVED_PG_USERS = ["azure_superuser", "azure_pg_admin", "admin", "administrator", "root", "guest", "public"];

/**
 * Private DNS zones and their virtual-network links take at most 15 tags, the lowest per-resource tag limit
 * among the types this stack creates (learn.microsoft.com/azure/azure-resource-manager/management/
 * tag-resources, "Limitations", read 2026-11-22).
 */
export const AZURE_MAX_TAGS = 15;
/** Tag names Azure reserves for itself (same page). */
const RESERVED_TAG_PREFIXES = ["microsoft", "azure", "windows"];

/** Tag keys longer than this are refused by storage accounts, the strictest type the stack tags (same page). */
export const AZURE_TAG_KEY_LENGTH = 128;
export const AZURE_TAG_VALUE_LENGTH = 256;

function regionAdvice(region: string): string | undefined {
  if (AZURE_REGIONS_WITHOUT_APISERVER_VNET_INTEGRATION.has(region)) {
    return `an Azure region where AKS offers API Server VNet Integration, which the cluster is built on (${region} does not: learn.microsoft.com/azure/aks/api-server-vnet-integration, "Availability", checked 2026-11-22)`;
  }
  if (AZURE_ZONAL_REGIONS.has(region)) return undefined;
  const zonal = [...AZURE_ZONAL_REGIONS];
  if (AZURE_REGIONS_WITHOUT_ZONES.has(region)) {
    return `an Azure region with availability zones: ${region} has none, so it cannot hold a zone-redundant database, cache or node pools; such as westeurope, northeurope, swedencentral (learn.microsoft.com/azure/reliability/regions-list, checked 2026-11-22)`;
  }
  const spelt = REGION.test(region) ? "" : " (lower-case, no spaces)";
  return `an Azure region name such as westeurope${spelt}${didYouMean(region.toLowerCase().replace(/\s/g, ""), zonal)}; the zonal regions are in stacks/azure/regions.ts`;
}

type AzureInput = { config: DalpConfig; tags: Record<string, string> };
const issue = (key: string, value: unknown, allowed: string): ConfigIssue => ({ key, given: renderValue(value), allowed });

/**
 * The runner network is peered with each region's VNet, so its addresses must not fall in the cluster's
 * overlay ranges: "Pod CIDR space must not overlap with directly connected networks (like VNet peering,
 * ExpressRoute, or VPN)", and the service range "shouldn't overlap with ... IP range used in peered VNets"
 * (learn.microsoft.com/azure/aks/azure-cni-overlay, "IP address planning", ms.date 2024-08-16, read
 * 2026-12-01). A packet from the cluster to a runner address inside those ranges is taken for a pod or a service
 * and never reaches the peering (the page warns so for the pod range), so `pulumi up` would lose the API it
 * created. The ranges are fixed when the cluster is created, so the runner network is what has to move.
 */
function runnerOverlayIssues(config: DalpConfig): ConfigIssue[] {
  const access = config.cluster.apiAccess;
  if (access?.mode !== "private" || access.runnerNetwork === undefined || !isCidr(access.runnerNetwork.cidr)) return [];
  const cidr = access.runnerNetwork.cidr;
  const hit = (Object.entries({ pods: OVERLAY_RANGES.pods, services: OVERLAY_RANGES.services }) as Array<[string, string]>).filter(([, range]) => overlaps(range, cidr));
  if (hit.length === 0) return [];
  return [
    issue(
      "dalp:cluster.apiAccess.runnerNetwork.cidr",
      cidr,
      `an address space outside the AKS overlay ranges, which it overlaps (${hit.map(([what, range]) => `${what} ${range}`).join(", ")}): AKS asks that peered networks stay out of the pod and service ranges (learn.microsoft.com/azure/aks/azure-cni-overlay, "IP address planning"); run pulumi up from a network in 10.0.0.0/8 or the rest of 172.16.0.0/12, such as 10.99.0.0/16`,
    ),
  ];
}

const GEO_BACKUP_PAGE = "learn.microsoft.com/azure/postgresql/backup-restore/concepts-backup-restore, \"Geo-redundant backup and restore\", ms.date 2026-07-05, checked 2026-12-01";

/**
 * Hot-cold on Azure keeps the database's copy as Flexible Server geo-redundant backup of the home server and
 * rebuilds by geo-restore, which creates the server only in the home region's paired region ("After you configure
 * your server with geo-redundant backup, you can restore it to a geo-paired region"; "Use geo-replicas as your
 * disaster recovery (DR) strategy if you need to configure DR to any region", GEO_BACKUP_PAGE). So the recovery
 * region is the pair, the home server must be created with geo-redundant backup, and the restore takes the latest
 * copied data only ("You can restore only to the last available backup data that's available at the paired
 * region. Currently, PITR of geo-redundant backups isn't available", same page).
 *
 * Geo-redundant backup is required, not derived: it can only be chosen when the server is created, and it bills
 * (the backups are stored twice, "((2 x local backup size) - provisioned storage size) x price", same page), so the
 * stack file says it where the reader sees it, and a stack that did not have it from its first `pulumi up` is
 * refused instead of planning an update Azure would refuse.
 */
function hotColdIssues(config: DalpConfig): ConfigIssue[] {
  if (config.pattern !== "hot-cold" || config.regions.length !== 2) return [];
  const [home, recovery] = config.regions.map((r) => r.name);
  const issues: ConfigIssue[] = [];
  // A region that is no zonal Azure region is refused by the region checks; a pair is only judged between two.
  if (AZURE_ZONAL_REGIONS.has(home)) {
    const target = geoRestoreRegion(home);
    if ("why" in target) {
      const pairs = hotColdRegionPairs().map(([h, r]) => `${h} (recovery ${r})`).join(", ");
      issues.push(
        issue(
          "dalp:regions[0].name",
          home,
          `a home region whose database Flexible Server can geo-restore into a zonal paired region: ${target.why} (${GEO_BACKUP_PAGE}; stacks/azure/regions.ts). Hot-cold on azure can use ${pairs}`,
        ),
      );
    } else if (recovery !== target.region) {
      issues.push(issue("dalp:regions[1].name", recovery, `${target.region}, the paired region of ${home}: Flexible Server geo-restores ${home}'s geo-redundant backups only there (${GEO_BACKUP_PAGE})`));
    }
  }
  if (!config.postgres.geoRedundantBackup) {
    issues.push(
      issue(
        "dalp:postgres.geoRedundantBackup",
        config.postgres.geoRedundantBackup,
        `true for hot-cold on azure: the copy of the database in the recovery region is Flexible Server geo-redundant backup, which can only be chosen when the server is created ("You can configure geo-redundant backup only when you create the server", ${GEO_BACKUP_PAGE})`,
      ),
    );
  }
  const at = config.recover?.pointInTime;
  if (at !== undefined) {
    issues.push(
      issue(
        "dalp:recover.pointInTime",
        at,
        `not set on azure: geo-restore restores the latest data copied to the paired region, never a chosen moment ("You can restore only to the last available backup data that's available at the paired region. Currently, PITR of geo-redundant backups isn't available", ${GEO_BACKUP_PAGE}); remove the key, the rebuild restores the latest (up to one hour behind)`,
      ),
    );
  }
  return issues;
}

const checks: ReadonlyArray<Check<AzureInput>> = [
  ({ config }) => hotColdIssues(config),
  // One guard per region: a region that failed says nothing about the others.
  ({ config }) =>
    config.regions.flatMap((r, i) =>
      guard(() => {
        const advice = regionAdvice(r.name);
        return advice === undefined ? [] : [issue(`dalp:regions[${i}].name`, r.name, advice)];
      }),
    ),
  ({ config }) => (config.cluster.nodeType !== undefined && !VM_SIZE.test(config.cluster.nodeType) ? [issue("dalp:cluster.nodeType", config.cluster.nodeType, "an Azure VM size such as Standard_D4s_v5")] : []),
  ({ config }) =>
    config.cluster.adminPrincipals.flatMap((p, i) =>
      GUID.test(p) ? [] : [issue(`dalp:cluster.adminPrincipals[${i}]`, p, "the object id of a Microsoft Entra group (a GUID); its members become cluster admins")],
    ),
  ({ config }) => kubernetesVersionIssues(AKS_CALENDAR, config.cluster.kubernetesVersion),
  ({ config }) => runnerOverlayIssues(config),
  ({ config }) => {
    const p = config.postgres;
    if (p.instanceClass === undefined) return [];
    const tier = postgresTier(p.instanceClass);
    if (tier === "Burstable") {
      return [
        issue(
          "dalp:postgres.instanceClass",
          p.instanceClass,
          "a General Purpose (Standard_D...) or Memory Optimized (Standard_E...) SKU: zone-redundant high availability is not offered on the Burstable tier (learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability, checked 2026-11-22)",
        ),
      ];
    }
    return tier === undefined ? [issue("dalp:postgres.instanceClass", p.instanceClass, "a Flexible Server SKU such as Standard_D2ds_v5 (General Purpose) or Standard_E4ds_v5 (Memory Optimized)")] : [];
  },
  ({ config }) =>
    POSTGRES_VERSIONS.includes(config.postgres.version as (typeof POSTGRES_VERSIONS)[number])
      ? []
      : [issue("dalp:postgres.version", config.postgres.version, `a major version Flexible Server offers: ${POSTGRES_VERSIONS.slice().sort().join(", ")}`)],
  ({ config }) => {
    const largest = POSTGRES_STORAGE_SIZES_GB[POSTGRES_STORAGE_SIZES_GB.length - 1];
    return config.postgres.storageGb > largest ? [issue("dalp:postgres.storageGb", config.postgres.storageGb, `at most ${largest} GiB, the largest Flexible Server Premium SSD`)] : [];
  },
  ({ config }) => {
    const user = config.postgres.username;
    return RESERVED_PG_USERS.includes(user) || user.startsWith("pg_")
      ? [issue("dalp:postgres.username", user, `a name Flexible Server accepts for its administrator: not ${RESERVED_PG_USERS.join(", ")}, and not starting with pg_`)]
      : [];
  },
  ({ config }) =>
    config.cache.nodeType !== undefined && !MANAGED_REDIS_SKUS.includes(config.cache.nodeType as (typeof MANAGED_REDIS_SKUS)[number])
      ? [issue("dalp:cache.nodeType", config.cache.nodeType, "an Azure Managed Redis SKU such as Balanced_B5, MemoryOptimized_M10 or ComputeOptimized_X5")]
      : [],
  ({ config }) =>
    config.cache.version !== undefined ? [issue("dalp:cache.version", config.cache.version, "nothing on azure: Azure Managed Redis runs the Redis version the service manages; remove the key")] : [],
  // `tags` are the stack's tags with the user's merged in; the stack's own take part of the budget.
  ({ config, tags }) => {
    if (Object.keys(tags).length <= AZURE_MAX_TAGS) return [];
    const own = Object.keys(tags).filter((k) => !(k in config.tags)).length;
    return [issue("dalp:tags", Object.keys(config.tags), `at most ${AZURE_MAX_TAGS - own} tags on azure: private DNS zones take ${AZURE_MAX_TAGS} and the stack adds ${own} of its own`)];
  },
  ({ config }) =>
    Object.entries(config.tags).flatMap(([key, value]) => [
      ...(RESERVED_TAG_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)) ? [issue(`dalp:tags.${key}`, key, `a tag name not starting with ${RESERVED_TAG_PREFIXES.join(", ")}: Azure reserves those`)] : []),
      ...(key.length > AZURE_TAG_KEY_LENGTH ? [issue(`dalp:tags.${key}`, key, `a tag name of at most ${AZURE_TAG_KEY_LENGTH} characters: storage accounts refuse longer ones (tag-resources, "Limitations")`)] : []),
      ...(value.length > AZURE_TAG_VALUE_LENGTH ? [issue(`dalp:tags.${key}`, value, `a tag value of at most ${AZURE_TAG_VALUE_LENGTH} characters (tag-resources, "Limitations")`)] : []),
    ]),
  // Tag keys are respelt for Azure (names.ts): two keys that become one would silently overwrite each other.
  ({ tags }) => {
    const byKey = new Map<string, string[]>();
    for (const k of Object.keys(tags)) byKey.set(azureTagKey(k), [...(byKey.get(azureTagKey(k)) ?? []), k]);
    return [...byKey.values()].filter((keys) => keys.length > 1).map((keys) => issue("dalp:tags", keys, `tag keys that stay distinct on Azure, where both are spelt ${azureTagKey(keys[0])}`));
  },
];

/** Azure spellings and service rules the schema cannot know; the same error shape as every other cloud. */
export function validateAzure(config: DalpConfig, tags: Record<string, string>): ConfigIssue[] {
  return runChecks({ config, tags }, checks);
}
