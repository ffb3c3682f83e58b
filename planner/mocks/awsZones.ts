/**
 * Availability zones of AWS regions as an account without opt-ins sees them. Source: AWS, "Regions and
 * Availability Zones" (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html),
 * read 2026-11-22. Some accounts are offered a subset; the real program reads the account's own list.
 */
export const AWS_ZONES: Record<string, string[]> = {
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-east-2": ["a", "b", "c"],
  "us-west-1": ["a", "c"],
  "us-west-2": ["a", "b", "c", "d"],
  "ca-central-1": ["a", "b", "d"],
  "sa-east-1": ["a", "b", "c"],
  "eu-west-1": ["a", "b", "c"],
  "eu-west-2": ["a", "b", "c"],
  "eu-west-3": ["a", "b", "c"],
  "eu-central-1": ["a", "b", "c"],
  "eu-central-2": ["a", "b", "c"],
  "eu-north-1": ["a", "b", "c"],
  "eu-south-1": ["a", "b", "c"],
  "eu-south-2": ["a", "b", "c"],
  "ap-south-1": ["a", "b", "c"],
  "ap-southeast-1": ["a", "b", "c"],
  "ap-southeast-2": ["a", "b", "c"],
  "ap-northeast-1": ["a", "c", "d"],
  "ap-northeast-2": ["a", "b", "c", "d"],
  "me-central-1": ["a", "b", "c"],
};

/** Zone names of a region; an unlisted region is assumed to have the usual three. */
export function awsZonesOf(region: string): string[] {
  return (AWS_ZONES[region] ?? ["a", "b", "c"]).map((letter) => `${region}${letter}`);
}

/**
 * Zone IDs (use1-az1, euc1-az2, ...) in the order of `awsZonesOf`. Which name maps to which ID differs from
 * account to account (EC2 user guide, "AZ IDs", read 2026-12-01); the planner uses the mappings below. In
 * us-east-1 it maps us-east-1c to use1-az3, a zone EKS does not support, as some accounts see it, so a
 * plan of that region shows the zone left out.
 */
const ZONE_IDS: Record<string, string[]> = {
  "us-east-1": ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"],
  // Accounts opened since these regions retired a zone see the others only.
  "us-west-1": ["usw1-az1", "usw1-az3"],
  "ca-central-1": ["cac1-az1", "cac1-az2", "cac1-az4"],
};

const DIRECTION: Record<string, string> = {
  central: "c",
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** The zone-ID prefix of a region: eu-central-1 -> euc1, ap-southeast-2 -> apse2. */
function zoneIdPrefix(region: string): string {
  const [area, direction, number] = region.split("-");
  return `${area}${DIRECTION[direction] ?? direction?.[0] ?? ""}${number ?? ""}`;
}

export function awsZoneIdsOf(region: string): string[] {
  return ZONE_IDS[region] ?? awsZonesOf(region).map((_, i) => `${zoneIdPrefix(region)}-az${i + 1}`);
}
