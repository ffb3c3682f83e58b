import { cite } from "../facts/source";
import type { RecoveryPart } from "./model";

const MIN = 60;
const FROM_RUNBOOK = (step: number) => `${cite("hotWarm", `Manual failover sequence, step ${step}`)}; its duration`;

/**
 * The human parts of a regional failover, in the runbook's order. The product docs give the steps and name
 * operator availability and validation as parts of the hot-warm RTO (Recovery metrics), but no duration for
 * any of them: every figure here is an estimate, and a drill on the stack replaces it.
 */
export const OPERATOR_RESPONSE: RecoveryPart = {
  name: "On-call operator paged, acknowledges and joins",
  seconds: { min: 5 * MIN, max: 15 * MIN },
  basis: "estimate",
  source: `${cite("hotWarm", "Recovery metrics")}: "Operator availability" is part of the RTO`,
  estimate: "a paging target of 5 minutes to acknowledge and up to 15 to be at a terminal, as on-call rotations commonly set; the stack's alerting delivers the page",
};

export const MANUAL_STEPS: RecoveryPart[] = [
  { name: "Declare the incident and freeze production writes (runbook step 1)", seconds: { min: 5 * MIN, max: 15 * MIN }, basis: "estimate", source: FROM_RUNBOOK(1), estimate: "the incident commander confirms the region is lost, not degraded, and decides to fail over" },
  { name: "Confirm the latest usable replica or backup (runbook step 2)", seconds: { min: 2 * MIN, max: 10 * MIN }, basis: "estimate", source: FROM_RUNBOOK(2), estimate: "read the replica's lag and last replayed timestamp, record the data-loss assessment" },
  { name: "Enable validators behind the duplicate-signing guard (runbook step 5)", seconds: { min: 1 * MIN, max: 5 * MIN }, basis: "estimate", source: FROM_RUNBOOK(5), estimate: "confirm the former active validators cannot sign; nothing to do in a stack without validators but the check" },
  { name: "Validate routes, RPC, validators and observability (runbook step 7)", seconds: { min: 5 * MIN, max: 20 * MIN }, basis: "estimate", source: FROM_RUNBOOK(7), estimate: "dApp and API routes, RPC access and dashboards checked by the application owner before the incident is called recovered" },
];
