import { nearestMarks } from "../lib/ancestry";

/** Where a resource lives in the pattern: under one region's stamp, under the global component, or neither. */
export type Scope = { kind: "stamp"; region: string } | { kind: "global" } | { kind: "root" };

export const STAMP_TYPE = "dalp:pattern:Stamp";
export const GLOBAL_TYPE = "dalp:pattern:Global";

interface Node {
  urn: string;
  type: string;
  name: string;
  parent?: string;
}

/**
 * The scope of every resource, by URN, from the parent chain: a stamp is named by its region, so a resource
 * below it (directly or through components) belongs to that region (patterns/stamp.ts, patterns/links.ts).
 */
export function scopesOf(resources: Node[]): Map<string, Scope> {
  const marked = nearestMarks<Node, Scope>(resources, (r) => r.parent, (r) => (r.type === STAMP_TYPE ? { kind: "stamp", region: r.name } : r.type === GLOBAL_TYPE ? { kind: "global" } : undefined));
  return new Map(resources.map((r) => [r.urn, marked.get(r.urn) ?? { kind: "root" }]));
}

/** Whether any ancestor of the resource (or the resource itself) has the given type. */
export function hasAncestorOfType(urn: string, type: string, byUrn: Map<string, Node>): boolean {
  const seen = new Set<string>();
  for (let r = byUrn.get(urn); r && !seen.has(r.urn); r = r.parent ? byUrn.get(r.parent) : undefined) {
    seen.add(r.urn);
    if (r.type === type) return true;
  }
  return false;
}

/** The provider URN of a `provider` reference `urn::id`. */
export function providerUrnOf(ref: string | undefined): string | undefined {
  return ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined;
}
