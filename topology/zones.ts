import { ConfigIssue, renderValue } from "../config/errors";
import type { DalpConfig, RegionConfig } from "../config/types";
import type { Topology } from "./types";

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

/**
 * The zones of a region a failover left behind, as the stack file names them: that region may be down, and with
 * it its API, so the cloud is not asked (the configuration check requires the names for such a region).
 * Undefined for a region whose zones are read from the cloud; an error for a region the topology lacks.
 */
export function leftBehindZones(region: RegionConfig, topology: Topology): string[] | undefined {
  const stamp = topology.stamps.find((s) => s.region === region.name);
  if (!stamp) throw new Error(`region ${region.name} has no stamp in the topology`);
  return stamp.role === "cold" && "names" in region.zones ? [...region.zones.names] : undefined;
}
