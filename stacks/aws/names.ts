import { dnsLabel } from "../../components/shared/names";

/** A physical name AWS accepts for identifiers, aliases and snapshot names (at most 63 characters). */
export function awsIdentifier(...parts: string[]): string {
  return dnsLabel(63, ...parts);
}

/** The RDS instance identifier of a region's database: the re-seeded one has its own, beside the former primary's. */
export function databaseIdentifier(stack: string, region: string, suffix: string): string {
  return awsIdentifier("dalp", stack, `${region}${suffix}`);
}
