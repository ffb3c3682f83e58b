import { nearestMarks } from "../../lib/ancestry";
import type { Plan } from "../model";

/** The managed PostgreSQL resource types of the clouds the stacks build. */
const DATABASE_TYPES = ["aws:rds/instance:Instance", "azure-native:dbforpostgresql:Server", "gcp:sql/databaseInstance:DatabaseInstance"];
const STAMP_TYPE = "dalp:pattern:Stamp";

/**
 * The databases the plan says exist already (a stamp's placement `established`: the re-seeded replica of a
 * finished return) that the state does not hold, so `pulumi up` would create them: empty, or a replica promoted
 * before it is seeded, while the former primary is deleted in the same run. The program looks the database up
 * in its cloud and stops there; this says so offline, against a state.
 */
export function createdThoughEstablished(plan: Plan, created: ReadonlySet<string>): string[] {
  const established = nearestMarks(
    plan.resources,
    (r) => r.parent,
    (r) => (r.type === STAMP_TYPE ? ((r.inputs.database as { established?: boolean } | undefined)?.established === true) : undefined),
  );
  return plan.resources.filter((r) => DATABASE_TYPES.includes(r.type) && created.has(r.urn) && established.get(r.urn) === true).map((r) => r.urn);
}
