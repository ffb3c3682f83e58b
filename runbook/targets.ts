import type { Plan } from "../planner/model";
import { diffAgainstState, DiffResult, DiffState } from "../planner/diff";
import type { ReconcileEntry, TargetEntry, TargetSet } from "./model";
import { hasAncestorOfType, providerUrnOf, Scope, scopesOf } from "./scope";
import { STEP } from "./sequence";

/** The component the network nodes of a stamp are installed under (addons/validators). */
export const VALIDATORS_TYPE = "dalp:addons:Validators";

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Types whose API answers on a global endpoint whatever region the resource serves, so deleting one asks nothing
 * of a failed region: Storage Transfer Service jobs (storagetransfer.googleapis.com, a global service: cloud.google.com/
 * storage-transfer/docs/reference/rest, read 2026-12-01).
 */
const GLOBAL_API_TYPES = ["gcp:storage/transferJob:TransferJob"];

export interface TargetOptions {
  /** The region that failed (the primary of the state). */
  failed: string;
  /** The region that takes over (the primary of the flipped plan). */
  survivor: string;
  /** The type modules of the cloud's managed PostgreSQL, whose resources step 3 targets. */
  databaseModules: string[];
}

// Targeted updates: providers, refresh, creation and deletion (www.pulumi.com/docs/iac/guides/basics/
// targeted-updates, and pulumi/pulumi#3251, read 2026-12-01): a resource the program no longer registers is
// deleted only when its URN is targeted, a new one is created only when targeted, and with --refresh (the
// project's `refresh: always`) only the targeted resources are refreshed.
const DEPENDENTS_WHY =
  "`--target-dependents` is not passed: the set already holds every resource of the surviving stamp and of the global component, so the dependents it would add are the failed region's own resources, and updating them would call the failed region's APIs. Without it, every resource outside the set keeps its recorded state (a targeted resource that reads one of them gets the value in the state), until the full `pulumi up` of the reconciliation.";

/**
 * The `pulumi up --target` set of a failover with the failed region down, from the plan of the flipped
 * configuration and the state before the flip: every resource under the surviving region's stamp and under
 * the global component (the ones the flipped program registers, and the ones it drops, which are deleted only
 * when targeted), plus the providers they use. Nothing of the failed region is in it; what the flip changes
 * there is listed to reconcile when the region returns.
 */
export function targetedSet(flipped: Plan, state: DiffState, options: TargetOptions): TargetSet {
  const diff = diffAgainstState(flipped, state);
  return targetedSetOf(flipped, state, diff, options);
}

export function targetedSetOf(flipped: Plan, state: DiffState, diff: DiffResult, options: TargetOptions): TargetSet {
  const { failed, survivor } = options;
  const planScopes = scopesOf(flipped.resources);
  const stateScopes = scopesOf(state.resources);
  const byUrn = new Map<string, { urn: string; type: string; name: string; parent?: string; provider?: string; inputs: Record<string, unknown> }>();
  for (const r of state.resources) byUrn.set(r.urn, r);
  for (const r of flipped.resources) byUrn.set(r.urn, r);
  const scopeOf = (urn: string, op: string): Scope => (op === "delete" ? stateScopes.get(urn) : planScopes.get(urn)) ?? { kind: "root" };
  const inSet = (scope: Scope) => scope.kind === "global" || (scope.kind === "stamp" && scope.region === survivor);

  const stepOf = (urn: string, type: string, scope: Scope): number => {
    if (scope.kind === "global") return STEP.traffic;
    if (hasAncestorOfType(urn, VALIDATORS_TYPE, byUrn)) return STEP.validators;
    const module = type.split(":")[1] ?? "";
    if (options.databaseModules.some((m) => module === m || module.startsWith(`${m}/`))) return STEP.promote;
    return STEP.workloads;
  };

  const targets = new Map<string, TargetEntry>();
  for (const change of diff.changes) {
    if (change.type === STACK_TYPE) continue;
    const scope = scopeOf(change.urn, change.op);
    if (!inSet(scope)) continue;
    targets.set(change.urn, { urn: change.urn, type: change.type, op: change.op, scope: scope.kind === "global" ? "global" : "stamp", steps: [stepOf(change.urn, change.type, scope)] });
  }

  const warnings: string[] = [];
  // The providers the targeted resources use, each targeted by every step that targets one of its resources.
  const usersOf = new Map<string, string[]>();
  for (const r of [...state.resources, ...flipped.resources]) {
    const p = providerUrnOf(r.provider);
    if (p) usersOf.set(p, [...new Set([...(usersOf.get(p) ?? []), r.urn])]);
  }
  const changeOf = new Map(diff.changes.map((c) => [c.urn, c]));
  for (const entry of [...targets.values()]) {
    const provider = providerUrnOf(byUrn.get(entry.urn)?.provider);
    if (!provider) continue;
    const existing = targets.get(provider);
    if (existing) {
      existing.steps = [...new Set([...existing.steps, ...entry.steps])].sort((a, b) => a - b);
      continue;
    }
    const change = changeOf.get(provider);
    const type = change?.type ?? byUrn.get(provider)?.type ?? provider.split("::")[2] ?? "provider";
    targets.set(provider, { urn: provider, type, op: change?.op ?? "same", scope: "provider", steps: [...entry.steps] });
  }
  // A targeted AWS provider configured for the failed region (a global record declared through it) sends its
  // calls, the credential check through STS included, to that region's endpoints, which fail with it (AWS
  // provider docs, "region" and "skip_credentials_validation", read 2026-12-01). Azure Resource Manager and
  // Google's APIs answer on global endpoints whatever location or region the provider defaults to.
  for (const entry of targets.values()) {
    if (entry.type !== "pulumi:providers:aws") continue;
    if (byUrn.get(entry.urn)?.inputs?.region !== failed) continue;
    const users = (usersOf.get(entry.urn) ?? []).filter((u) => targets.has(u)).length;
    warnings.push(`${entry.urn} is configured for ${failed}, the failed region, and ${users} targeted resource(s) use it: its calls go to ${failed}'s endpoints and fail with it. Declare those resources through a provider of a surviving region or of the global service's home region.`);
  }

  // The engine deletes a dropped resource that depends on a target of the update (by dependency, property
  // dependency, parent or provider, transitively) only if it is targeted too, and refuses the whole update
  // otherwise ("will be destroyed but was not specified in --target list": pulumi/pulumi pkg/resource/deploy/
  // step_generator.go, determineAllowedResourcesToDeleteFromTargets, getTargetDependents, and graph/
  // dependency_graph.go DependingOn, commit 1b59498, read 2026-12-01). Each step's update is judged alone, seeded
  // with its own targets. A dropped dependent of the failed region cannot be targeted: its refresh (the project's
  // `refresh: always`) and its delete would call that region. It is removed from the state before the first
  // update instead, as a delete with retainOnDelete would (it stays in the cloud until the region returns). One
  // elsewhere, or answered by a global API, is targeted at the first step that reaches it.
  const stateDeletes = new Set<string>();
  const dependentsOf = new Map<string, string[]>();
  for (const r of state.resources) {
    const provider = providerUrnOf(r.provider);
    for (const u of new Set([...dependsOn(r), ...(provider ? [provider] : [])])) dependentsOf.set(u, [...(dependentsOf.get(u) ?? []), r.urn]);
  }
  const dropped = new Map(diff.changes.filter((c) => c.op === "delete").map((c) => [c.urn, c]));
  const steps = [...new Set([...targets.values()].flatMap((t) => t.steps))].sort((x, y) => x - y);
  for (const step of steps) {
    const frontier = [...targets.values()].filter((t) => t.steps.includes(step)).map((t) => t.urn);
    const seen = new Set(frontier);
    while (frontier.length > 0) {
      for (const dependent of dependentsOf.get(frontier.pop()!) ?? []) {
        if (seen.has(dependent) || stateDeletes.has(dependent)) continue;
        seen.add(dependent);
        frontier.push(dependent);
        const change = dropped.get(dependent);
        const entry = targets.get(dependent);
        if (!change || (entry && Math.min(...entry.steps) <= step)) continue;
        const scope = stateScopes.get(dependent);
        if (scope?.kind === "stamp" && scope.region === failed && !GLOBAL_API_TYPES.includes(change.type)) stateDeletes.add(dependent);
        else targets.set(dependent, { ...(entry ?? { urn: dependent, type: change.type, op: "delete", scope: "dependent" }), steps: [step] });
      }
    }
  }

  // A provider the flip reconfigures (the left region's AWS provider sends STS to the active region) is not
  // left to reconcile: the engine configures every provider the program declares, targeted or not
  // (pulumi/pulumi#17746), so the change that keeps the run away from the failed region applies in the
  // failover itself, and targeting it would add nothing.
  const reconcile: ReconcileEntry[] = diff.changes
    .filter((c) => c.op !== "same" && c.type !== STACK_TYPE && !c.type.startsWith("pulumi:providers:") && !targets.has(c.urn) && !stateDeletes.has(c.urn))
    .map((c) => ({ urn: c.urn, type: c.type, op: c.op as ReconcileEntry["op"], keys: c.keys }));
  for (const b of diff.blocked) warnings.push(`${b.urn}: the flip would ${b.op} this resource (${b.keys.join(", ") || "no key"}); pulumi up stops on it: ${b.reason}`);

  // Every step in sequence order, then by URN within a step: the registration order depends on when each
  // promise of the program resolves, which a runbook printed twice must not.
  const sorted = [...targets.values()].sort((a, b) => a.steps[0] - b.steps[0] || a.urn.localeCompare(b.urn));
  return { failed, survivor, targets: sorted, stateDeletes: inDeletionOrder([...stateDeletes], state), targetDependents: false, targetDependentsWhy: DEPENDENTS_WHY, reconcile, warnings };
}

/** What a resource of the state depends on besides its provider: dependencies, property dependencies, its parent. */
function dependsOn(r: DiffState["resources"][number]): string[] {
  return [...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...(r.parent ? [r.parent] : [])];
}

/**
 * The state deletions in an order `pulumi state delete` takes: what depends on another first, since it refuses to
 * remove a resource others in the state still depend on.
 */
function inDeletionOrder(urns: string[], state: DiffState): string[] {
  const set = new Set(urns);
  const byUrn = new Map(state.resources.map((r) => [r.urn, r]));
  const out: string[] = [];
  const visit = (urn: string) => {
    if (out.includes(urn)) return;
    for (const r of state.resources) {
      if (!set.has(r.urn) || r.urn === urn) continue;
      if (dependsOn(r).includes(urn)) visit(r.urn);
    }
    if (byUrn.has(urn)) out.push(urn);
  };
  for (const urn of [...urns].sort()) visit(urn);
  return out;
}

/** The URNs one step's `pulumi up` targets. */
export function targetsOfStep(set: TargetSet, step: number): string[] {
  return set.targets.filter((t) => t.steps.includes(step)).map((t) => t.urn);
}
