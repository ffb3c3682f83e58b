import { cite } from "../facts/source";
import type { EvidenceItem, OwnerRole } from "./model";

/**
 * The hot-warm page's Manual failover sequence, step by step, as the runbook follows it: the page's own words,
 * the owner role each step needs ("Each step needs a named owner and a stop condition") and the part of the
 * failover record it produces (Compliance and audit notes).
 */
export const SEQUENCE = [
  { number: 1, key: "declare", title: "Declare the incident and freeze production writes", owner: "incident commander", page: "Declare the incident and freeze production writes if the active region still accepts traffic." },
  { number: 2, key: "confirm", title: "Confirm the latest usable replica or backup", owner: "database operator", page: "Confirm the latest usable PostgreSQL replica or backup in the standby region." },
  { number: 3, key: "promote", title: "Promote the standby database", owner: "database operator", page: "Promote the standby PostgreSQL replica according to your managed database or CloudNativePG procedure." },
  { number: 4, key: "workloads", title: "Start the dependent workloads", owner: "platform operator", page: "Start the standby DALP workloads that depend on the promoted database." },
  { number: 5, key: "validators", title: "Enable validators behind a duplicate-signing guard", owner: "validator operator", page: "Enable standby validator operations and confirm the former active validators cannot produce duplicate signatures." },
  { number: 6, key: "traffic", title: "Switch traffic", owner: "platform operator", page: "Switch DNS, load balancer, or global traffic-manager routing to the standby cluster." },
  { number: 7, key: "validate", title: "Validate routes, RPC, validators and observability", owner: "application owner", page: "Validate dApp routes, API routes, RPC access, validator health, observability, and audit evidence." },
  { number: 8, key: "isolate", title: "Keep the old region isolated", owner: "incident commander", page: "Keep the former active region isolated until reconciliation confirms whether it can return as standby." },
] as const satisfies ReadonlyArray<{ number: number; key: string; title: string; owner: OwnerRole; page: string }>;

export type StepKey = (typeof SEQUENCE)[number]["key"];

export const STEP: Record<StepKey, number> = Object.fromEntries(SEQUENCE.map((s) => [s.key, s.number])) as Record<StepKey, number>;

export function stepSource(number: number): string {
  return cite("hotWarm", `Manual failover sequence, step ${number}`);
}

/** "If PostgreSQL promotion, route validation, or validator health fails, stop the failover ..." */
export const STOP_RULE = {
  text: "If PostgreSQL promotion, route validation, or validator health fails, stop the failover and follow the backup-recovery runbook instead of continuing with a partially promoted region.",
  source: cite("hotWarm", "Manual failover sequence"),
};

export const EVIDENCE_SOURCE = cite("hotWarm", "Compliance and audit notes");

/** The record of the whole failover, in the page's order, and the step that produces each item. */
export const EVIDENCE: ReadonlyArray<{ item: EvidenceItem; step: StepKey }> = [
  { item: "incident decision", step: "declare" },
  { item: "replica or backup timestamp", step: "confirm" },
  { item: "data-loss assessment", step: "confirm" },
  { item: "operator actions", step: "promote" },
  { item: "route switch", step: "traffic" },
  { item: "validation checks", step: "validate" },
  { item: "reconciliation result", step: "isolate" },
];
