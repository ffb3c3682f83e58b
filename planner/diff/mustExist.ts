import { nearestMarks } from "../../lib/ancestry";
import { DATABASE_TYPES } from "../../policies/view";
import { mustExistAlready } from "../../topology/databaseIdentity";
import type { DatabasePlacement } from "../../topology/types";
import type { Plan } from "../model";

const STAMP_TYPE = "dalp:pattern:Stamp";

/**
 * The databases the plan promotes that the state does not hold (a re-seeded replica a failover back promotes,
 * when `recreate` never ran), so `pulumi up` would create them: empty, or promoted before they are seeded,
 * while the former primary is deleted in the same run. The program looks the database up in its cloud and stops
 * there; this says so offline, against a state.
 */
export function createdThoughEstablished(plan: Plan, created: ReadonlySet<string>): string[] {
  const promotesReseeded = nearestMarks(
    plan.resources,
    (r) => r.parent,
    (r) => (r.type === STAMP_TYPE ? mustExistAlready(r.inputs.database as DatabasePlacement) : undefined),
  );
  return plan.resources.filter((r) => DATABASE_TYPES.includes(r.type) && created.has(r.urn) && promotesReseeded.get(r.urn) === true).map((r) => r.urn);
}
