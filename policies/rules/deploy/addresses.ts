import { isCidr, isNonPublic, overlaps } from "../../../lib/cidr";

/** A source range as a CIDR: Azure also takes a bare address, which means that one address. */
export function asCidr(range: string): string {
  return range.includes("/") ? range : `${range}/32`;
}

const isEverywhere = (cidr: string) => isCidr(cidr) && cidr.endsWith("/0");

export interface RangesProblem {
  reason: string;
  /** The endpoint is reachable, but by anyone on the internet. */
  openToEveryone: boolean;
}

/**
 * What is wrong with the ranges allowed to a public API endpoint, or undefined when the machine running
 * `pulumi up` can reach it through them and no one else on the internet can. `whenEmpty` is what the cloud
 * does with an empty list: EKS (its default 0.0.0.0/0) and AKS admit everyone; GKE's authorized networks,
 * once enabled, admit no one.
 */
export function publicRangesProblem(ranges: readonly string[], whenEmpty: "no one" | "everyone"): RangesProblem | undefined {
  if (ranges.length === 0) {
    return whenEmpty === "no one"
      ? { reason: "no address is allowed to the public endpoint", openToEveryone: false }
      : { reason: "no range limits the public endpoint, so anyone on the internet can reach the API", openToEveryone: true };
  }
  const cidrs = ranges.map(asCidr);
  const invalid = cidrs.filter((c) => !isCidr(c));
  if (invalid.length > 0) return { reason: `${invalid.join(", ")} is not an IPv4 CIDR`, openToEveryone: false };
  const everywhere = cidrs.filter(isEverywhere);
  if (everywhere.length > 0) return { reason: `${everywhere.join(", ")} lets anyone on the internet reach the API`, openToEveryone: true };
  const hidden = cidrs.filter(isNonPublic);
  if (hidden.length > 0) return { reason: `${hidden.join(", ")} is a private or shared range, which a public endpoint never sees as a source address`, openToEveryone: false };
  return undefined;
}

/** A private source range from outside the cluster's own network: where a peered runner network can be. */
export function isPeerRange(range: string, ownRanges: readonly string[]): boolean {
  const cidr = asCidr(range);
  return isCidr(cidr) && !isEverywhere(cidr) && isNonPublic(cidr) && !ownRanges.filter(isCidr).some((own) => overlaps(own, cidr));
}
