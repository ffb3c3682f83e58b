import { dnsLabel, shortHash } from "../../components/shared/names";

/** A DNS-label-shaped name for DNS prefixes and private DNS zone labels, at most `max` characters. */
export const azureDnsLabel = dnsLabel;

/** Lower-case letters and digits only, at most `max` characters: what storage account names allow. */
export function azureAlphanumeric(max: number, ...parts: string[]): string {
  return parts.join("").toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, max);
}

/**
 * Tag keys in a spelling every Azure resource type accepts. Azure Resource Manager refuses `<>%&\?/` in tag
 * names, and Azure DNS (private DNS zones and their virtual-network links included) refuses special
 * characters, spaces and a leading digit: the stack's own `dalp:stack` style keys are rejected there
 * (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources, "Limitations"; the colon case is
 * hashicorp/terraform-provider-azurerm#6129), read 2026-11-22. One spelling on every resource keeps cost
 * reports grouping by the same key, so `dalp:stack` becomes `dalp_stack` everywhere on Azure.
 */
export function azureTagKey(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_.-]/g, "_");
  return /^[0-9]/.test(safe) ? `tag_${safe}` : safe;
}

export function azureTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [azureTagKey(k), v]));
}

/**
 * The restore drill's Azure Managed Redis name. The cache's host is `<name>.<region>.redis.azure.net`, and "The
 * cache name must be a string between 1 and 63 characters when combined with the cache's region name ... (If the
 * cache name is fewer than 45 characters long it should work in all currently available regions.)" (MicrosoftDocs/
 * azure-docs articles/redis/includes/managed-redis-create.md, ms.date 2024-12-17, read 2026-12-01). An auto-name
 * from `<region>-drill-cache-cluster` would not be, in the longest regions: 38 characters in germanywestcentral
 * before azure-native's random suffix. This one stays under 45, unique across Azure (the host is a public name) by
 * a hash of the subscription, stack and region, and apart from production's cache, which is auto-named from
 * `<region>-cache`.
 */
export function drillCacheName(subscription: string, project: string, stack: string, region: string): string {
  // 37 characters, and a random 7 (`-` and 6) the drill adds, so each drill's cache has a name of its own:
  // Azure may hold a deleted cache's name for a while ("A resource with this name already exists or is in a
  // conflicting state", Azure-Samples/ai-hub-gateway-solution-accelerator#108, read 2026-12-01).
  return azureDnsLabel(37, "dalp-drill", stack, shortHash(`${subscription.toLowerCase()}/${project}/${stack}/${region}`, 6));
}
