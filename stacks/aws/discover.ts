import * as aws from "@pulumi/aws";
import { ConfigError, ConfigIssue, renderValue } from "../../config/errors";
import type { DalpConfig } from "../../config/types";
import type { CloudFacts } from "../../ports/adapter";
import type { Topology } from "../../topology/types";
import { leftBehindZones, resolveZones } from "../../topology/zones";
import { ROUTE53_REGION } from "./network";
import { reseededReplicaIssues } from "../../config/reseedChecks";
import { firstLine } from "../../lib/errorText";
import { databaseNameSuffix } from "../../topology/databaseIdentity";
import { databaseIdentifier } from "./names";
import { configKey } from "../../config/keys";
import { utcSecond } from "../../lib/utcSecond";

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
      const leftBehind = leftBehindZones(region, topology);
      if (leftBehind) {
        available[region.name] = leftBehind;
        return;
      }
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
  if (topology.links.some((l) => l.kind === "traffic" && l.routing === "failover")) issues.push(...(await trafficZoneIssues(config, providerFor(ROUTE53_REGION))));
  issues.push(
    ...(await reseededReplicaIssues(topology, async (region) => {
      const identifier = databaseIdentifier(config.stack, region, databaseNameSuffix({ kind: "reseeded", source: "" }));
      try {
        await aws.rds.getInstance({ dbInstanceIdentifier: identifier }, { provider: providerFor(region) });
        return undefined;
      } catch (err) {
        return `RDS in ${region} has no instance ${identifier} (${firstLine(err).slice(0, 300)})`;
      }
    })),
  );
  issues.push(...(await restoredPointInTimeIssues(config, topology, providerFor)));
  if (issues.length > 0) throw new ConfigError(issues);
  const identity = await aws.getCallerIdentity({}, { provider: providerFor(topology.primaryRegion) });
  return { zones: resolved.zones, account: identity.accountId };
}

/** Whether `host` is `zone` or a name below it; DNS names compare without case and trailing dot. */
export function inZone(host: string, zone: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const z = zone.toLowerCase().replace(/\.$/, "");
  return h === z || h.endsWith(`.${z}`);
}

/**
 * Reads the hosted zone the failover records go into, read-only: it must exist in this account, be public
 * (Route 53 health checks cannot decide the answers of a private zone for internet users) and hold
 * `charts.domain`, or the records could never be found by the domain's resolvers.
 */
async function trafficZoneIssues(config: DalpConfig, provider: aws.Provider): Promise<ConfigIssue[]> {
  const zoneId = config.traffic.zone;
  if (!zoneId) return [];
  const key = "dalp:traffic.zone";
  let zone: aws.route53.GetZoneResult;
  try {
    zone = await aws.route53.getZone({ zoneId }, { provider });
  } catch (err) {
    const reason = firstLine(err);
    return [{ key, given: renderValue(zoneId), allowed: `the id of a Route 53 public hosted zone in this account that holds ${config.charts.domain} (reading it failed: ${reason})` }];
  }
  if (zone.privateZone) {
    return [{ key, given: renderValue(zoneId), allowed: `a public hosted zone: ${zone.name} is private, and failover records for ${config.charts.domain} must answer resolvers on the internet` }];
  }
  if (!inZone(config.charts.domain, zone.name)) {
    return [{ key, given: renderValue(zoneId), allowed: `a hosted zone that holds dalp:charts.domain ${config.charts.domain}: this one is ${zone.name}` }];
  }
  return [];
}

/**
 * Hot-cold's rebuild to `dalp:recover.pointInTime`, checked against what the recovery region holds before
 * anything is declared (a restore outside the window fails only after the rebuild has built the VPC, the
 * cluster and the rest around it). The lookup goes to the recovery region, which is up, and names the home
 * instance only as a filter value.
 *
 * RDS documents the window of replicated backups as the RestoreWindow (EarliestTime, LatestTime) of
 * DescribeDBInstanceAutomatedBackups (RDS user guide, AutomatedBackups.Replicating.Describe; RDS API reference,
 * RestoreWindow; read 2026-12-01). @pulumi/aws 7.48 has no function that calls it (the rds module's functions
 * describe instances, clusters, snapshots, events, engine versions...; terraform-provider-aws has no such data
 * source either, its issue #41904, open since 2025-03-18). What exists is DescribeDBSnapshots (aws.rds.getSnapshots),
 * asked here for the automated snapshots of the home instance in the recovery region. A point-in-time restore
 * starts from a snapshot taken before the moment and replays the transaction logs after it (RDS user guide,
 * USER_PIT), so the oldest snapshot the copies hold bounds the window from below: a moment before it is
 * refused. Whether DescribeDBSnapshots lists the snapshots of replicated backups is not documented (the page
 * above names only describe-source-regions, describe-db-instances and describe-db-instance-automated-backups):
 * when it lists none, or the call fails, nothing is refused here, and RestoreDBInstanceToPointInTime itself
 * refuses a moment outside the window when the database is created. The latest end cannot be read at all; it
 * trails the home database by the copy's lag (docs/aws.md, "Hot-cold").
 */
export async function restoredPointInTimeIssues(config: DalpConfig, topology: Topology, providerFor: (region: string) => aws.Provider): Promise<ConfigIssue[]> {
  const stamp = topology.stamps.find((s) => s.database.kind === "restored");
  if (!stamp || stamp.database.kind !== "restored" || stamp.database.pointInTime === undefined) return [];
  const { source, pointInTime } = stamp.database;
  const at = Date.parse(pointInTime);
  const identifier = databaseIdentifier(config.stack, source, "");
  let result: aws.rds.GetSnapshotsResult;
  try {
    result = await aws.rds.getSnapshots({ snapshotType: "automated", filters: [{ name: "db-instance-id", values: [identifier] }] }, { provider: providerFor(stamp.region) });
  } catch {
    return [];
  }
  const taken = result.snapshots
    .filter((s) => s.dbInstanceIdentifier === identifier)
    .map((s) => Date.parse(s.originalSnapshotCreateTime))
    .filter((t) => !Number.isNaN(t));
  if (taken.length === 0 || at >= Math.min(...taken)) return [];
  const earliest = utcSecond(Math.min(...taken));
  return [
    {
      key: configKey(["recover", "pointInTime"]),
      given: renderValue(pointInTime),
      allowed:
        `a time the copies in ${stamp.region} can restore: from ${earliest}, the oldest automated snapshot of ${identifier} kept there, ` +
        `to their latest restorable time, minutes behind ${source}'s last write (not set: the latest). ` +
        `Once the restored database exists, remove the key: it is read only when the database is created`,
    },
  ];
}
