import type { CheckInput, CheckResource } from "../../checker/model";
import type { Plan, PlannedResource } from "../model";
import { matchToState } from "./aliases";
import { createdThoughEstablished } from "./mustExist";
import { CompareOptions, differences } from "./compare";
import { applyProviderCheck } from "./providerCheck";
import { rebaseOnState } from "./rebase";
import { formatPropertyPath, parsePropertyPath, pathContains, PropertyPath, PropertyPathError, resetPath, valueAt } from "./propertyPath";
import { hasTypeRules, rulesFor, unreadOf } from "./rules";
import type { ChangeContext, DiffRule, Props } from "./rules/types";
import { parseUrn } from "./urn";

/** What `pulumi up` would do to one resource. */
export type DiffOp = "same" | "update" | "replace" | "create" | "delete";

/** One line of the diff: `keys` are the changed paths (update) or the paths that force the replacement (replace). */
export interface ResourceChange {
  urn: string;
  type: string;
  op: DiffOp;
  keys: string[];
}

/**
 * What stops `pulumi up`, or should: a replacement or deletion of a protected resource (or, unprotected first,
 * the data is lost), an update the provider refuses when it is applied, or a create of a database the stack
 * says exists already.
 */
export interface BlockedChange {
  urn: string;
  type: string;
  op: "replace" | "delete" | "update" | "create";
  keys: string[];
  reason: string;
}

export interface DiffResult {
  project: string;
  stack: string;
  /** Every resource of the plan in registration order, then the deletions. */
  changes: ResourceChange[];
  blocked: BlockedChange[];
  /** Resources the program registers under a new URN that take over an old one through `aliases`. */
  aliased: Array<{ urn: string; from: string }>;
  /** What the diff could not see or had to assume, in sentences. */
  notes: string[];
}

/** A state to diff against: what `readStackExport` returns for a `pulumi stack export` or a plan's export. */
export type DiffState = Pick<CheckInput, "project" | "stack" | "resources">;

function compareOptionsFor(type: string): CompareOptions {
  const provider = type.split(":")[0];
  if (provider === "azure-native") return { against: "inputs", scalarArraysAsSets: false };
  if (provider === "kubernetes") return { against: "outputs", scalarArraysAsSets: false };
  return { against: "outputs", scalarArraysAsSets: true };
}

const providerUrnOf = (ref: string | undefined) => (ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined);

/**
 * Where a rule meets a changed path: the rule's path covers the change (the place to evaluate it is the rule's
 * own depth), or the change is a whole object or array that holds the rule's path (evaluated at the change).
 */
function ruleApplies(rule: DiffRule, changed: PropertyPath): PropertyPath | undefined {
  const pattern = parsePropertyPath(rule.path);
  if (pathContains(pattern, changed)) return changed.slice(0, pattern.length);
  if (changed.length < pattern.length && pathContains(pattern.slice(0, changed.length), changed)) return changed;
  return undefined;
}

interface Classified {
  op: DiffOp;
  keys: string[];
  /** The changes of an update that the provider refuses when applied, each with why. */
  refused?: Array<{ key: string; why: string }>;
}

/**
 * Runs the diff the engine and the provider would run for one resource that exists in the state (see
 * docs/planner.md, "How `diff` decides").
 */
function diffResource(r: PlannedResource, old: CheckResource, ctx: { providerInputs: Props; replacedOrCreated: Set<string>; notes: Set<string>; secretsSkipped: { count: number }; aliasedProviders: Map<string, string> }): Classified {
  const forced: string[] = [];
  const newProvider = providerUrnOf(r.provider);
  const oldProvider = providerUrnOf(old.provider);
  if (newProvider && oldProvider && newProvider !== oldProvider && ctx.aliasedProviders.get(newProvider) !== oldProvider) forced.push("provider");

  const newInputs = JSON.parse(JSON.stringify(r.inputs)) as Props;
  const oldInputs = old.inputs as Props;
  const oldOutputs = old.outputs as Props;
  applyProviderCheck(r.type, r.name, newInputs, oldInputs, oldOutputs);

  const ignored: PropertyPath[] = [];
  for (const text of r.ignoreChanges) {
    let path: PropertyPath;
    try {
      path = parsePropertyPath(text);
    } catch (err) {
      if (err instanceof PropertyPathError) {
        ctx.notes.add(`${r.urn}: ${err.message}; the engine skips it too`);
        continue;
      }
      throw err;
    }
    ignored.push(path);
    if (!resetPath(path, oldInputs, newInputs)) ctx.notes.add(`${r.urn}: ignoreChanges "${text}" names an element added or removed; the engine ignores it there ("cannot ignore changes in added or removed elements")`);
  }

  const found = differences(newInputs, oldInputs, oldOutputs, compareOptionsFor(r.type));
  ctx.secretsSkipped.count += found.secretsSkipped;
  const changed = found.paths.filter((p) => !ignored.some((ignore) => pathContains(ignore, p)));

  // An input that takes an output of a resource being replaced or created is unknown until that happens.
  for (const [key, deps] of Object.entries(r.propertyDependencies)) {
    const unknown = deps.some((d) => ctx.replacedOrCreated.has(d)) && !ignored.some((ignore) => pathContains(ignore, [key]));
    if (unknown && !changed.some((p) => p[0] === key)) changed.push([key]);
  }

  const rules = rulesFor(r.type, oldInputs, oldOutputs);
  const contextAt = (at: PropertyPath): ChangeContext => ({
    old: valueAt(compareOptionsFor(r.type).against === "outputs" && valueAt(oldOutputs, at) !== undefined ? oldOutputs : oldInputs, at),
    new: valueAt(newInputs, at),
    newInputs,
    oldInputs,
    oldOutputs,
    providerInputs: ctx.providerInputs,
  });
  const holds = (rule: DiffRule, path: PropertyPath) => {
    const at = ruleApplies(rule, path);
    return !!at && (!rule.when || rule.when(contextAt(at)));
  };

  const kept = changed.filter((p) => !rules.some((rule) => rule.effect === "no-diff" && holds(rule, p)));
  const replaceKeys = [...forced, ...kept.filter((p) => rules.some((rule) => rule.effect === "replace" && holds(rule, p))).map(formatPropertyPath)];
  if (replaceKeys.length > 0) return { op: "replace", keys: [...new Set(replaceKeys)] };
  if (kept.length === 0) return { op: "same", keys: [] };
  if (r.type.startsWith("pulumi:providers:")) {
    ctx.notes.add(`${r.type}: a provider's configuration changes show as update; whether the provider (and every resource it manages) would be replaced is not modelled`);
  } else if (!hasTypeRules(r.type)) {
    ctx.notes.add(`${r.type} has no table of replace-forcing properties here: its changes show as update, and a change its provider replaces for would not show as replace`);
  } else if (unreadOf(r.type)) {
    ctx.notes.add(`${r.type}: ${unreadOf(r.type)}; an update of it may be a replacement`);
  }
  const refused = kept.flatMap((p) => rules.filter((rule) => rule.effect === "refused" && holds(rule, p)).map((rule) => ({ key: formatPropertyPath(p), why: rule.condition ?? rule.source })));
  return { op: "update", keys: [...new Set(kept.map(formatPropertyPath))], ...(refused.length > 0 ? { refused } : {}) };
}

/**
 * What `pulumi preview --diff` would do if the plan's program ran against `state`: per URN, same, update,
 * replace, create or delete, honouring `aliases`, `ignoreChanges`, `protect` and each provider's
 * replace-forcing properties. The library behind `dalp-ha diff`, and the check that a failover flip, a recovery
 * or the cloud's own drift replaces nothing.
 */
export function diffAgainstState(planned: Plan, state: DiffState): DiffResult {
  const notes = new Set<string>();
  if (state.resources.length > 0 && (state.stack !== planned.stack || state.project !== planned.project)) {
    notes.add(
      `the state is of ${state.project}/${state.stack} and the plan of ${planned.project}/${planned.stack}: URNs carry both names, so every resource shows as create or delete (plan under the state's stack name)`,
    );
  }
  const olds = new Map(state.resources.map((r) => [r.urn, r]));
  const { oldUrnOf, contested } = matchToState(planned.resources, new Set(olds.keys()), planned.project, planned.stack);
  const plan = rebaseOnState(planned, state, oldUrnOf);
  for (const c of contested) notes.add(`${c.urns.join(" and ")} both claim ${c.oldUrn}; the engine stops with "Duplicate resource alias"`);

  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const aliasedProviders = new Map<string, string>();
  const replacedOrCreated = new Set<string>();
  const secretsSkipped = { count: 0 };
  const changes: ResourceChange[] = [];
  const blocked: BlockedChange[] = [];
  const aliased: DiffResult["aliased"] = [];

  for (const r of plan.resources) {
    const oldUrn = oldUrnOf.get(r.urn);
    const old = oldUrn ? olds.get(oldUrn) : undefined;
    if (!old) {
      changes.push({ urn: r.urn, type: r.type, op: "create", keys: [] });
      if (r.custom) replacedOrCreated.add(r.urn);
      continue;
    }
    if (oldUrn !== r.urn) {
      aliased.push({ urn: r.urn, from: old.urn });
      if (r.type.startsWith("pulumi:providers:")) aliasedProviders.set(r.urn, old.urn);
    }
    if (!r.custom) {
      changes.push({ urn: r.urn, type: r.type, op: "same", keys: [] });
      continue;
    }
    const providerInputs = (byUrn.get(providerUrnOf(r.provider) ?? "")?.inputs ?? {}) as Props;
    const { refused, ...result } = diffResource(r, old, { providerInputs, replacedOrCreated, notes, secretsSkipped, aliasedProviders });
    changes.push({ urn: r.urn, type: r.type, ...result });
    if (refused) {
      blocked.push({ urn: r.urn, type: r.type, op: "update", keys: refused.map((x) => x.key), reason: `the provider refuses this update when it is applied: ${refused.map((x) => x.why).join("; ")}` });
    }
    if (result.op === "replace") {
      replacedOrCreated.add(r.urn);
      if (old.protect || r.protect) {
        blocked.push({
          urn: r.urn,
          type: r.type,
          op: "replace",
          keys: result.keys,
          reason: old.protect && r.protect ? "protected: pulumi up stops (\"unable to replace resource ... marked for protection\")" : "protected in the state or the program: replacing it deletes the current one",
        });
      }
    }
  }

  const created = new Set(changes.filter((c) => c.op === "create").map((c) => c.urn));
  for (const urn of createdThoughEstablished(plan, created)) {
    const r = byUrn.get(urn)!;
    blocked.push({
      urn,
      type: r.type,
      op: "create",
      keys: [],
      reason: "the failover back promotes this re-seeded database, but the state has none: run dalp:reseed step recreate first; the program stops on it too, when its cloud has no such database",
    });
  }

  const matched = new Set(oldUrnOf.values());
  for (const old of [...state.resources].reverse()) {
    if (matched.has(old.urn)) continue;
    changes.push({ urn: old.urn, type: old.type, op: "delete", keys: [] });
    if (old.protect) blocked.push({ urn: old.urn, type: old.type, op: "delete", keys: [], reason: "protected: pulumi up stops (\"unable to delete resource ... protected\"); a rename needs an alias" });
  }

  if (secretsSkipped.count > 0) {
    notes.add(
      `${secretsSkipped.count} secret value(s) were not compared: an export holds them encrypted, and the planner holds placeholders for secrets a stack file does not carry; a changed secret shows as the same`,
    );
  }
  return { project: plan.project, stack: plan.stack, changes, blocked, aliased, notes: [...notes] };
}

/** Whether `pulumi up` would replace or delete a protected resource: `dalp-ha diff` then exits 1. */
export function losesProtectedResources(result: DiffResult): boolean {
  return result.blocked.length > 0;
}

/** The parts of a URN worth showing: the qualified type's last link and the name. */
export function shortUrn(urn: string): string {
  const parts = parseUrn(urn);
  return `${parts.type}::${parts.name}`;
}
