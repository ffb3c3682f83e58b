import * as fs from "fs";
import { checkResourceOf, StateFileError } from "../checker/fromStackExport";
import type { CheckInput } from "../checker/model";

/** Whether parsed JSON is `pulumi preview --json` output rather than a state. */
export const isPreview = (doc: unknown): boolean => doc !== null && typeof doc === "object" && Array.isArray((doc as { steps?: unknown }).steps);

const URN = /^urn:pulumi:([^:]+)::([^:]+)::/;

/** One step of `pulumi preview --json`: its states have the engine's ResourceV3 shape. */
interface PreviewStep {
  op?: string;
  urn?: unknown;
  oldState?: Record<string, unknown>;
  newState?: Record<string, unknown>;
}

/**
 * The stack before and after the change a `pulumi preview --json --show-sames` describes: each step's `oldState` (what is
 * there now) and `newState` (what the update leaves). A replacement's several steps collapse to one resource
 * per URN; a deleted resource has no `newState`, a created one no `oldState`.
 */
export function readPreview(file: string): { before: CheckInput; after: CheckInput } {
  let doc: { steps?: PreviewStep[]; changeSummary?: Record<string, number> };
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new StateFileError(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  if (!isPreview(doc)) throw new StateFileError(`${file} is not pulumi preview --json output: expected {"steps": [{"op": ..., "urn": ..., "newState": {...}}, ...]}`);
  // The CLI leaves unchanged resources out of the JSON unless asked: without them the stack cannot be priced whole.
  const sames = Number(doc.changeSummary?.same ?? 0);
  if (sames > 0 && !(doc.steps as PreviewStep[]).some((step) => step.op === "same")) {
    throw new StateFileError(`${file} leaves out the ${sames} unchanged resources of the stack, so it cannot be priced whole: run pulumi preview --json --show-sames`);
  }
  const before = new Map<string, Record<string, unknown>>();
  const after = new Map<string, Record<string, unknown>>();
  (doc.steps as PreviewStep[]).forEach((step, i) => {
    if (typeof step?.urn !== "string") throw new StateFileError(`${file}: steps[${i}] has no urn`);
    const op = String(step.op ?? "");
    const urn = step.urn as string;
    if (step.oldState && op !== "create-replacement") before.set(urn, step.oldState);
    if (step.newState && !["delete", "delete-replaced", "discard", "discard-replaced"].includes(op)) after.set(urn, step.newState);
  });
  const first = String((doc.steps as PreviewStep[])[0]?.urn ?? "");
  const [, stack = "unknown", project = "unknown"] = URN.exec(first) ?? [];
  const input = (states: Map<string, Record<string, unknown>>, origin: string): CheckInput => ({ project, stack, origin, resources: [...states.values()].map(checkResourceOf) });
  return { before: input(before, `${file} (before)`), after: input(after, file) };
}
