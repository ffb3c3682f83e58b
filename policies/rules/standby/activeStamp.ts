import { viewOf } from "../../view";
import { DalpPolicy, stackRule } from "../kit";
import { HOT_WARM } from "./source";

/** Roles that make a pattern active-standby: one region serves and writes, the others wait or are isolated. */
const WAITING = ["standby", "cold", "recovery"];
/** Database placements that take writes; a re-seeded replica does once a failover has promoted it. */
const WRITABLE = ["primary", "promoted", "restored", "distributed"];
const takesWrites = (db: { kind?: string; promoted?: boolean }) => db.kind === undefined || WRITABLE.includes(db.kind) || (db.kind === "reseeded" && db.promoted === true);

export const oneActiveRule: DalpPolicy = stackRule(
  {
    name: "dalp-pattern-require-one-active",
    description: "An active-standby stack has exactly one active region, the one dalp:primaryRegion names, and its database takes writes.",
    severity: "critical",
    // Two active regions of an active-standby pattern both take writes into diverging databases; what one of
    // them wrote is lost when they are reconciled. Mandatory.
    enforcementLevel: "mandatory",
    source: `${HOT_WARM}: Architecture, "one active DALP cluster"; Manual failover sequence, steps 3-8 (promote, then switch, then isolate the former region)`,
    remediationSteps:
      "Set dalp:primaryRegion to one of dalp:regions (the program then makes that stamp active with a primary or promoted database and the others standby or cold); a stack declared by hand gives exactly one region the active role.",
  },
  (args, report) => {
    const stamps = viewOf(args.resources).stamps;
    if (!stamps.some((s) => WAITING.includes(s.role))) args.notApplicable("no region of the stack waits as a standby: not an active-standby stack");
    const active = stamps.filter((s) => s.role === "active");
    if (active.length === 0) report(`no region is active (${stamps.map((s) => `${s.region}: ${s.role}`).join(", ")}): dalp:primaryRegion names none of the stack's regions.`);
    if (active.length > 1) report(`${active.length} regions are active (${active.map((s) => s.region).join(", ")}) next to a standby: both take writes.`);
    for (const s of active) {
      if (!takesWrites(s.database)) report(`active region ${s.region} has a ${s.database.kind} database, which takes no writes: promote it before it serves.`, s.urn);
    }
  },
);
