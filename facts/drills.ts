import { cite } from "./source";

/**
 * What a restore drill must keep, item by item, as the backup page's "Restore evidence to keep" table lists it,
 * plus the achieved recovery against the target that its Recovery checks ask operators to record.
 */
export const DRILL_EVIDENCE = [
  { item: "backup name and creation time", why: "Shows which recovery point was used." },
  { item: "restore target timestamp", why: "Lets operators compare the intended RPO with the achieved restore point." },
  { item: "database checkpoint or WAL end", why: "Confirms the database restored to the expected point before services started." },
  { item: "restored namespace inventory", why: "Confirms workloads, services, secrets, ingress, and persistent volumes exist." },
  { item: "object version check", why: "Confirms uploaded files and exported artifacts match the restored environment." },
  { item: "application health checks", why: "Confirms DALP services can read the restored state and serve traffic." },
  { item: "reconciliation result", why: "Confirms indexed, off-chain, and on-chain state are consistent enough to run." },
  { item: "achieved RTO and RPO", why: "Operators record the achieved RTO and RPO, then compare them with the deployment target." },
] as const;

export type DrillEvidenceItem = (typeof DRILL_EVIDENCE)[number]["item"];

export const DRILL_EVIDENCE_SOURCE = `${cite("backup", "Restore evidence to keep")}; ${cite("backup", "Recovery checks")} (item 5)`;

/** The page's drill cadence: a restore drill every quarter (DR testing requirements, Quarterly DR drills), as days. */
export const DRILL_INTERVAL_DAYS = 92;
export const DRILL_INTERVAL_SOURCE = cite("backup", "DR testing requirements: Quarterly DR drills");
