import { PostgresMajorVersion } from "@pulumi/azure-native/types/enums/dbforpostgresql";
import { SkuName as RedisSkuName } from "@pulumi/azure-native/types/enums/redisenterprise";
import { ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import { POSTGRES_STORAGE_SIZES_GB } from "./defaults";

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
const MAX_TAGS = 15;
/** Tag names Azure reserves for itself (same page). */
const RESERVED_TAG_PREFIXES = ["microsoft", "azure", "windows"];

/** Azure spellings and service rules the schema cannot know; the same error shape as every other cloud. */
export function validateAzure(config: DalpConfig, tags: Record<string, string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issue = (key: string, value: unknown, allowed: string) => issues.push({ key, given: renderValue(value), allowed });

  config.regions.forEach((r, i) => {
    if (!REGION.test(r.name)) issue(`dalp:regions[${i}].name`, r.name, "an Azure region name such as westeurope (lower-case, no spaces)");
  });

  const c = config.cluster;
  if (c.nodeType !== undefined && !VM_SIZE.test(c.nodeType)) issue("dalp:cluster.nodeType", c.nodeType, "an Azure VM size such as Standard_D4s_v5");
  c.adminPrincipals.forEach((p, i) => {
    if (!GUID.test(p)) issue(`dalp:cluster.adminPrincipals[${i}]`, p, "the object id of a Microsoft Entra group (a GUID); its members become cluster admins");
  });

  const p = config.postgres;
  if (p.instanceClass !== undefined) {
    const tier = postgresTier(p.instanceClass);
    if (tier === "Burstable") {
      issue(
        "dalp:postgres.instanceClass",
        p.instanceClass,
        "a General Purpose (Standard_D...) or Memory Optimized (Standard_E...) SKU: zone-redundant high availability is not offered on the Burstable tier (learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability, checked 2026-11-22)",
      );
    } else if (tier === undefined) {
      issue("dalp:postgres.instanceClass", p.instanceClass, "a Flexible Server SKU such as Standard_D2ds_v5 (General Purpose) or Standard_E4ds_v5 (Memory Optimized)");
    }
  }
  if (!POSTGRES_VERSIONS.includes(p.version as (typeof POSTGRES_VERSIONS)[number])) {
    issue("dalp:postgres.version", p.version, `a major version Flexible Server offers: ${POSTGRES_VERSIONS.slice().sort().join(", ")}`);
  }
  const largest = POSTGRES_STORAGE_SIZES_GB[POSTGRES_STORAGE_SIZES_GB.length - 1];
  if (p.storageGb > largest) issue("dalp:postgres.storageGb", p.storageGb, `at most ${largest} GiB, the largest Flexible Server Premium SSD`);
  if (RESERVED_PG_USERS.includes(p.username) || p.username.startsWith("pg_")) {
    issue("dalp:postgres.username", p.username, `a name Flexible Server accepts for its administrator: not ${RESERVED_PG_USERS.join(", ")}, and not starting with pg_`);
  }

  const cache = config.cache;
  if (cache.nodeType !== undefined && !MANAGED_REDIS_SKUS.includes(cache.nodeType as (typeof MANAGED_REDIS_SKUS)[number])) {
    issue("dalp:cache.nodeType", cache.nodeType, "an Azure Managed Redis SKU such as Balanced_B5, MemoryOptimized_M10 or ComputeOptimized_X5");
  }
  if (cache.version !== undefined) {
    issue("dalp:cache.version", cache.version, "nothing on azure: Azure Managed Redis runs the Redis version the service manages; remove the key");
  }

  // `tags` are the stack's tags with the user's merged in; the stack's own take part of the budget.
  if (Object.keys(tags).length > MAX_TAGS) {
    const own = Object.keys(tags).filter((k) => !(k in config.tags)).length;
    issue("dalp:tags", Object.keys(config.tags), `at most ${MAX_TAGS - own} tags on azure: private DNS zones take ${MAX_TAGS} and the stack adds ${own} of its own`);
  }
  for (const key of Object.keys(config.tags)) {
    if (RESERVED_TAG_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix))) {
      issue(`dalp:tags.${key}`, key, `a tag name not starting with ${RESERVED_TAG_PREFIXES.join(", ")}: Azure reserves those`);
    }
  }
  return issues;
}
