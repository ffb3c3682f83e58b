import { ConfigIssue, renderValue } from "../config/errors";
import type { DalpConfig } from "../config/types";

/**
 * Resolves each region's zone setting against the zones the cloud offers there: a count takes the first
 * zones in name order, a list must name zones the region has. Every cloud adapter uses it with the zones it
 * discovered; it is pure, so it is tested without a cloud.
 */
export function resolveZones(config: Pick<DalpConfig, "regions">, available: Record<string, readonly string[]>): { zones: Record<string, string[]>; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const zones: Record<string, string[]> = {};
  config.regions.forEach((region, i) => {
    const offered = [...(available[region.name] ?? [])].sort();
    if ("names" in region.zones) {
      const unknown = region.zones.names.filter((z) => !offered.includes(z));
      if (unknown.length > 0) issues.push({ key: `dalp:regions[${i}].zones`, given: renderValue(unknown), allowed: `zones of ${region.name}: ${offered.join(", ")}` });
      zones[region.name] = region.zones.names;
    } else {
      if (offered.length < region.zones.count) {
        issues.push({
          key: `dalp:regions[${i}].zones`,
          given: renderValue(region.zones.count),
          allowed: `at most ${offered.length}: ${region.name} has ${offered.length} zones (${offered.join(", ")})`,
        });
      }
      zones[region.name] = offered.slice(0, region.zones.count);
    }
  });
  return { zones, issues };
}
