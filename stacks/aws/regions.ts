import { Region } from "@pulumi/aws/types/enums";

/**
 * AWS regions, from the provider's own list (`aws.Region` of @pulumi/aws, the version in package-lock.json),
 * so the list moves with the provider. Regions of the other partitions are in the list too but refused: the
 * stack writes ARNs in the `aws` partition (`arn:aws:iam::aws:policy/...` in components/aws/eksCluster.ts),
 * which IAM in China, GovCloud, the isolated regions and the European Sovereign Cloud does not accept.
 */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** The partition of a region that is not in the commercial `aws` partition, with what it is. */
export function otherPartition(region: string): string | undefined {
  if (region.startsWith("cn-")) return "aws-cn (AWS China)";
  if (region.startsWith("us-gov-")) return "aws-us-gov (GovCloud)";
  if (/^[a-z]{2}-iso[a-z]?-/.test(region)) return "an isolated partition";
  if (region.startsWith("eusc-")) return "aws-eusc (European Sovereign Cloud)";
  return undefined;
}

/** The regions this stack deploys to: the provider's list, commercial partition. */
export const AWS_COMMERCIAL_REGIONS: readonly string[] = AWS_REGIONS.filter((r) => otherPartition(r) === undefined);
