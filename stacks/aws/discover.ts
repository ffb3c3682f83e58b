import * as aws from "@pulumi/aws";
import { ConfigError } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { resolveZones } from "../../topology/zones";

/**
 * Reads the zones of every region and the account, and resolves each region's zone setting to names. A region
 * with too few zones, or a zone name it does not have, is a configuration error raised before any resource.
 */
export async function discoverAws(config: DalpConfig, topology: Topology, providerFor: (region: string) => aws.Provider): Promise<CloudFacts> {
  const available: Record<string, string[]> = {};
  await Promise.all(
    config.regions.map(async (region) => {
      if (!topology.stamps.some((s) => s.region === region.name)) throw new Error(`region ${region.name} has no stamp in the topology`);
      const found = await aws.getAvailabilityZones(
        // Availability Zones always report opt-in-not-required, in opt-in regions too; the filter leaves out Local
        // and Wavelength Zones, which an account may have opted into and which are no failure domain of the
        // region (EC2 API reference, AvailabilityZone.OptInStatus, read 2026-12-01).
        { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
        { provider: providerFor(region.name) },
      );
      available[region.name] = found.names;
    }),
  );
  const { zones, issues } = resolveZones(config, available);
  if (issues.length > 0) throw new ConfigError(issues);
  const identity = await aws.getCallerIdentity({}, { provider: providerFor(topology.primaryRegion) });
  return { zones, account: identity.accountId };
}
