import { ENCRYPTED_SECRET } from "../../checker/fromStackExport";
import { isSecretValue, Plan, PlannedResource, revealSecrets } from "../model";
import type { DiffState } from "./diff";

/**
 * In a real `pulumi preview`, a resource the state already holds answers the program with its recorded outputs
 * (its id, ARN, endpoint, generated name), and every input built from them carries the real values. Under the
 * planner's mocks the same outputs are planned values. Before comparing, each planned output of a resource the
 * state holds is therefore replaced, wherever the program copied it into an input (whole, or inside a JSON
 * document or a URL), by the value the state records for it. Resources the state does not hold keep their
 * planned outputs: in a real preview those are unknown until created, and show as changes either way.
 */

/** Shorter values (ports, counts, `true`) are too common to tell a copied output from a coincidence. */
const MIN_LENGTH = 8;

function outputPairs(planned: unknown, recorded: unknown, inputs: unknown, out: Map<string, string>): void {
  const p = isSecretValue(planned) ? planned.value : planned;
  if (typeof p === "string" && typeof recorded === "string") {
    if (p !== recorded && p.length >= MIN_LENGTH && recorded !== ENCRYPTED_SECRET && p !== inputs) out.set(p, recorded);
    return;
  }
  if (Array.isArray(p) && Array.isArray(recorded)) {
    p.forEach((v, i) => outputPairs(v, recorded[i], Array.isArray(inputs) ? inputs[i] : undefined, out));
    return;
  }
  if (p && typeof p === "object" && recorded && typeof recorded === "object" && !Array.isArray(recorded)) {
    for (const [k, v] of Object.entries(p)) outputPairs(v, (recorded as Record<string, unknown>)[k], (inputs as Record<string, unknown> | undefined)?.[k], out);
  }
}

function rewrite(value: unknown, pairs: Array<[string, string]>): unknown {
  if (typeof value === "string") {
    let s = value;
    for (const [planned, recorded] of pairs) if (s.includes(planned)) s = s.split(planned).join(recorded);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => rewrite(v, pairs));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, pairs)]));
  return value;
}

/** The plan with every planned output of a resource the state holds replaced by the state's value. */
export function rebaseOnState(plan: Plan, state: DiffState, oldUrnOf: ReadonlyMap<string, string>): Plan {
  const olds = new Map(state.resources.map((r) => [r.urn, r]));
  const pairs = new Map<string, string>();
  for (const r of plan.resources) {
    const old = olds.get(oldUrnOf.get(r.urn) ?? "");
    if (!old || !r.custom) continue;
    outputPairs(r.outputs, old.outputs, revealSecrets(r.inputs), pairs);
  }
  if (pairs.size === 0) return plan;
  // Longest first, so that a planned ARN is replaced whole before the id inside it.
  const ordered = [...pairs.entries()].sort((a, b) => b[0].length - a[0].length);
  const resources: PlannedResource[] = plan.resources.map((r) => ({ ...r, inputs: rewrite(r.inputs, ordered) as Record<string, unknown> }));
  return { ...plan, resources };
}
