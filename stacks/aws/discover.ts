import * as aws from "@pulumi/aws";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { resolveZones } from "../../topology/zones";

/**
 * Availability Zone IDs, per region, where EKS does not place a cluster: CreateCluster with a subnet there
 * fails with UnsupportedAvailabilityZoneException ("At least one of your specified cluster subnets is in an
 * Availability Zone that does not support Amazon EKS", EKS API reference, read 2026-12-01), after the VPC,
 * the key and the roles exist. The IDs are those of the EKS user guide's subnet requirements
 * (network-reqs, "Subnet requirements and considerations"; the page could not be re-read on 2026-12-01, so
 * the list is as last read there). Public Terraform excludes use1-az3 for a second reason, that it offers no
 * M5 or newer instance types, the node groups' kind (an aws_availability_zones exclude_zone_ids comment).
 * Zone IDs name the same physical zone in every account; zone names do not (EC2 user guide, "AZ IDs").
 */
export const EKS_UNSUPPORTED_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  "us-east-1": ["use1-az3"],
  "us-west-1": ["usw1-az2"],
  "ca-central-1": ["cac1-az3"],
};

/**
 * Reads the zones of every region and the account, and resolves each region's zone setting to names. Zones
 * EKS does not support are left out, so a zone count takes the next zones and a zone named explicitly is
 * refused with the reason. A region with too few zones, or a zone name it does not have, is a configuration
 * error raised before any resource.
 */
export async function discoverAws(config: DalpConfig, topology: Topology, providerFor: (region: string) => aws.Provider): Promise<CloudFacts> {
  const available: Record<string, string[]> = {};
  const issues: ConfigIssue[] = [];
  await Promise.all(
    config.regions.map(async (region, i) => {
      if (!topology.stamps.some((s) => s.region === region.name)) throw new Error(`region ${region.name} has no stamp in the topology`);
      // Availability Zones always report opt-in-not-required, in opt-in regions too; the filter leaves out Local
      // and Wavelength Zones, which an account may have opted into and which are no failure domain of the
      // region (EC2 API reference, AvailabilityZone.OptInStatus, read 2026-12-01).
      const query = { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] };
      const opts = { provider: providerFor(region.name) };
      const excluded = EKS_UNSUPPORTED_ZONE_IDS[region.name] ?? [];
      const usable = await aws.getAvailabilityZones(excluded.length > 0 ? { ...query, excludeZoneIds: [...excluded] } : query, opts);
      available[region.name] = usable.names;
      if (excluded.length === 0 || !("names" in region.zones)) return;
      // A zone named in the stack file that is one of the excluded: refused here with the reason, and kept
      // out of resolveZones' "not a zone of the region" message, which would be wrong about it.
      const all = await aws.getAvailabilityZones(query, opts);
      region.zones.names.forEach((zone, z) => {
        if (!all.names.includes(zone) || usable.names.includes(zone)) return;
        issues.push({
          key: `dalp:regions[${i}].zones[${z}]`,
          given: renderValue(zone),
          allowed: `a zone where EKS can run: in this account ${zone} is one of the zone IDs EKS does not support in ${region.name} (${excluded.join(", ")}); choose among ${usable.names.join(", ")}`,
        });
        available[region.name] = [...available[region.name], zone];
      });
    }),
  );
  const resolved = resolveZones(config, available);
  issues.push(...resolved.issues);
  if (issues.length > 0) throw new ConfigError(issues);
  const identity = await aws.getCallerIdentity({}, { provider: providerFor(topology.primaryRegion) });
  return { zones: resolved.zones, account: identity.accountId };
}
