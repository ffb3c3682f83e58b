import { dnsLabel } from "../../components/shared/names";

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
