import { fromPlan } from "../../checker/fromPlan";
import { readStackExport } from "../../checker/fromStackExport";
import type { Plan } from "../model";
import type { DiffState } from "./diff";

/** A `pulumi stack export` (or a plan's `--json` export) as a state to diff against. */
export function readState(file: string): DiffState {
  return readStackExport(file);
}

/**
 * A plan as the state it would leave once applied, for diffing one planned configuration against another (a
 * failover flip against the stack before it): secrets stay comparable, which an export's ciphertext is not.
 */
export function stateOfPlan(plan: Plan): DiffState {
  return fromPlan(plan, `plan of ${plan.stack}`);
}
