import type { RecoveryObjectives } from "../facts/recovery";

/**
 * The roles the hot-warm page asks each failover step to name ("Each step needs a named owner and a stop
 * condition", Manual failover sequence). The runbook names roles; the operating team maps them to people.
 */
export type OwnerRole = "incident commander" | "database operator" | "platform operator" | "validator operator" | "application owner";

/** The failover record the page's Compliance and audit notes ask to keep, item by item. */
export type EvidenceItem =
  | "incident decision"
  | "replica or backup timestamp"
  | "data-loss assessment"
  | "operator actions"
  | "route switch"
  | "validation checks"
  | "reconciliation result";

/**
 * A name of this stack's resources. `lookup` is set when the name is only known once the stack is deployed
 * (the cloud or Pulumi picks it): the commands then read it from the stack's outputs, which needs only the
 * state backend, never a region's API.
 */
export interface Name {
  value: string;
  lookup?: string;
}

/** One shell command or configuration change of a step. */
export interface Command {
  run: string;
  /** What the command establishes, and what to look for in its answer. */
  expect: string;
  /** Whose API it calls: a region, a global service, or the Pulumi state only. */
  calls: string;
}

export interface StepEvidence {
  item: EvidenceItem;
  keep: string;
}

export interface RunbookStep {
  number: number;
  title: string;
  owner: OwnerRole;
  /** What this step does on this stack. */
  summary: string;
  /** This stack's resources the step acts on or reads, by what they are. */
  resources: Array<{ label: string; name: Name }>;
  commands: Command[];
  /** The `pulumi up --target` URNs of this step, when computed from the plan (the CLI); see `TargetSet`. */
  targets?: string[];
  stop: string;
  evidence: StepEvidence[];
  source: string;
  /** How long the step is expected to take, with its basis. */
  duration?: string;
}

/** What `pulumi up` does to one targeted resource, as the offline diff predicts it. */
export interface TargetEntry {
  urn: string;
  type: string;
  op: "same" | "update" | "replace" | "create" | "delete";
  /** Why it is in the set: under the surviving stamp, under the global component, or a provider they use. */
  /**
   * Why it is in the set: under the surviving stamp, under the global component, a provider they use, or a
   * resource the change drops that depends on a target (the engine refuses to leave one behind).
   */
  scope: "stamp" | "global" | "provider" | "dependent";
  /** The failover steps whose `pulumi up` targets it. */
  steps: number[];
}

export interface ReconcileEntry {
  urn: string;
  type: string;
  op: "update" | "replace" | "create" | "delete";
  keys: string[];
}

/**
 * The targeted update of a failover with the failed region down: every resource of the surviving stamp and
 * of the global component, and the providers they use; nothing else.
 */
export interface TargetSet {
  failed: string;
  survivor: string;
  targets: TargetEntry[];
  /**
   * What the change drops in the failed region that depends on a target: removed from the state (`pulumi state
   * delete`, in this order) before the first targeted update, since the engine would refuse to leave it and both
   * its refresh and its delete would call that region. It stays in the cloud until the region returns.
   */
  stateDeletes: string[];
  targetDependents: false;
  /** Why `--target-dependents` is not passed. */
  targetDependentsWhy: string;
  /** The failed region's resources whose state differs from the flipped program: applied when it returns. */
  reconcile: ReconcileEntry[];
  /** Things the operator must know about the set (a targeted provider configured for the failed region). */
  warnings: string[];
}

/** What a runbook that moves the service from one region to another holds, whatever moves it. */
interface RegionalRunbook {
  project: string;
  stack: string;
  cloud: string;
  pattern: string;
  /** The region that failed or is being left. */
  from: string;
  /** The region that takes over. */
  to: string;
  recoveryObjectives: RecoveryObjectives;
  /** The rule that overrides every step. */
  stopRule: { text: string; source: string };
  steps: RunbookStep[];
  /** Present when computed from the plans (the CLI and the docs); the stack output points to the CLI for it. */
  targetSet?: TargetSet;
}

export interface FailoverRunbook extends RegionalRunbook {
  kind: "failover";
  /** How returning the old region works, and which of its steps are destructive. */
  return: string[];
}

/** A single-region stack: there is no other region to fail over to. */
export interface NoRegionalFailover {
  kind: "no-regional-failover";
  project: string;
  stack: string;
  cloud: string;
  pattern: string;
  region: string;
  why: string;
  procedures: Array<{ failure: string; procedure: string; source: string }>;
}

/** Hot-cold: the recovery region rebuilt from the copies it holds (`dalp:recover`). */
export interface RebuildRunbook extends RegionalRunbook {
  kind: "rebuild";
}

export type Runbook = FailoverRunbook | NoRegionalFailover | RebuildRunbook;
