import * as aws from "@pulumi/aws";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";

/**
 * Reads the zones of every region and the account, and resolves each region's zone setting to names. A region
 * with too few zones, or a zone name it does not have, is a configuration error raised before any resource.
 */
export async function discoverAws(config: DalpConfig, topology: Topology, providerFor: (region: string) => aws.Provider): Promise<CloudFacts> {
  const issues: ConfigIssue[] = [];
  const zones: Record<string, string[]> = {};
  await Promise.all(
    config.regions.map(async (region, i) => {
      const found = await aws.getAvailabilityZones(
        { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
        { provider: providerFor(region.name) },
      );
      const available = [...found.names].sort();
      const stamp = topology.stamps.find((s) => s.region === region.name);
      if ("names" in region.zones) {
        const unknown = region.zones.names.filter((z) => !available.includes(z));
        if (unknown.length > 0) {
          issues.push({ key: `dalp:regions[${i}].zones`, given: renderValue(unknown), allowed: `zones of ${region.name}: ${available.join(", ")}` });
        }
        zones[region.name] = region.zones.names;
      } else {
        if (available.length < region.zones.count) {
          issues.push({
            key: `dalp:regions[${i}].zones`,
            given: renderValue(region.zones.count),
            allowed: `at most ${available.length}: ${region.name} has ${available.length} zones (${available.join(", ")})`,
          });
        }
        zones[region.name] = available.slice(0, region.zones.count);
      }
      if (stamp === undefined) throw new Error(`region ${region.name} has no stamp in the topology`);
    }),
  );
  if (issues.length > 0) throw new ConfigError(issues);
  const identity = await aws.getCallerIdentity({}, { provider: providerFor(topology.primaryRegion) });
  return { zones, account: identity.accountId };
}
