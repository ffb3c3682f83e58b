import type { DiffOp, DiffResult } from "./diff";
import { parseUrn } from "./urn";

/** `dalp-ha diff --format json`: `{changes: [{urn, type, op, keys}]}`, with what blocks `pulumi up` and the notes. */
export function jsonDiffReport(result: DiffResult): Record<string, unknown> {
  return {
    project: result.project,
    stack: result.stack,
    changes: result.changes.map(({ urn, type, op, keys }) => ({ urn, type, op, keys })),
    blocked: result.blocked,
    aliased: result.aliased,
    notes: result.notes,
  };
}

const SYMBOL: Record<DiffOp, string> = { same: " ", update: "~", replace: "+-", create: "+", delete: "-" };
const ORDER: DiffOp[] = ["update", "replace", "create", "delete", "same"];

const shortName = (urn: string) => {
  const parts = parseUrn(urn);
  return `${parts.type}  ${parts.name}`;
};

/** `dalp-ha diff`: the resources that change, as `pulumi preview --diff` lists them, then the counts and notes. */
export function textDiffReport(result: DiffResult, heading: string): string {
  const lines = [heading];
  const blockedUrns = new Set(result.blocked.map((b) => b.urn));
  const aliasedFrom = new Map(result.aliased.map((a) => [a.urn, a.from]));
  const changed = result.changes.filter((c) => c.op !== "same");
  if (changed.length === 0) lines.push("  no changes: pulumi up would leave every resource as it is");
  for (const c of changed) {
    const keys = c.keys.length > 0 ? `  [${c.keys.join(", ")}]` : "";
    const flag = blockedUrns.has(c.urn) ? "  PROTECTED" : "";
    lines.push(`  ${SYMBOL[c.op].padEnd(2)} ${c.op.padEnd(7)} ${shortName(c.urn)}${keys}${flag}`);
  }
  for (const [urn, from] of aliasedFrom) lines.push(`  (${shortName(urn)} takes over ${from} through its aliases)`);
  const counts = ORDER.map((op) => `${result.changes.filter((c) => c.op === op).length} ${op}`).join(", ");
  lines.push("", `${result.changes.length} resources: ${counts}`);
  if (result.blocked.length > 0) {
    lines.push("", `${result.blocked.length} change(s) stop pulumi up (a protected resource replaced or deleted, or an update the provider refuses):`);
    for (const b of result.blocked) lines.push(`  ${b.op} ${b.urn}${b.keys.length > 0 ? ` [${b.keys.join(", ")}]` : ""}: ${b.reason}`);
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}
