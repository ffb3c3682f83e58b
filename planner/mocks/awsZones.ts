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
