import { dnsLabel } from "../../components/shared/names";

/** A physical name AWS accepts for identifiers, aliases and snapshot names (at most 63 characters). */
export function awsIdentifier(...parts: string[]): string {
  return dnsLabel(63, ...parts);
}
