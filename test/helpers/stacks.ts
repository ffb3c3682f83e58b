import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { executePlan, planStack, PlanResult } from "../../planner/plan";
import { isSecretValue, Plan, PlannedResource, revealSecrets } from "../../planner/model";
import { stackFilePath } from "../../planner/stackFiles";
import { Scope, scopesOf } from "../../runbook/scope";

export type StackDoc = { config: Record<string, unknown> };

/** A reference stack file, parsed, for a test to change. */
export function referenceDoc(stack: string): StackDoc {
  return parse(fs.readFileSync(stackFilePath(stack), "utf8")) as StackDoc;
}

/** Writes a stack document to a temporary `Pulumi.<stack>.yaml` and returns its path. */
export function writeStackFile(stack: string, doc: StackDoc): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dalp-ha-test-"));
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

/** Plans a reference stack after `change` edits its configuration. */
export function planChanged(stack: string, change: (config: Record<string, unknown>) => void): Promise<PlanResult> {
  const doc = referenceDoc(stack);
  change(doc.config);
  return executePlan({ stack, configFile: writeStackFile(stack, doc) });
}

/** The plan of a reference stack after `change`; a refused configuration fails the test with its error. */
export async function plannedChange(stack: string, change: (config: Record<string, any>) => void): Promise<Plan> {
  const result = await planChanged(stack, change);
  if (!result.ok) throw result.error;
  return result.plan;
}

const scopes = new WeakMap<Plan, Map<string, Scope>>();

/**
 * Where a resource sits in the pattern, by the same reading the runbook's targeted set makes: below a stamp (by
 * region), below the global component, or neither. Computed once per plan.
 */
export function scopeOf(plan: Plan, r: PlannedResource): Scope {
  let byUrn = scopes.get(plan);
  if (!byUrn) scopes.set(plan, (byUrn = scopesOf(plan.resources)));
  return byUrn.get(r.urn) ?? { kind: "root" };
}

/** The region a resource sits in, `global` for the global component, or undefined at the root. */
export function placeOf(plan: Plan, r: PlannedResource): string | undefined {
  const scope = scopeOf(plan, r);
  return scope.kind === "stamp" ? scope.region : scope.kind === "global" ? "global" : undefined;
}

/** The provider resource a planned resource was registered with. */
export function providerOf(plan: Plan, r: PlannedResource): PlannedResource | undefined {
  return plan.resources.find((x) => `${x.urn}::${x.id}` === r.provider);
}

const plans = new Map<string, Promise<Plan>>();

/** The plan of a reference stack, computed once per test file. */
export function referencePlan(stack: string): Promise<Plan> {
  let plan = plans.get(stack);
  if (!plan) {
    plan = planStack({ stack });
    plans.set(stack, plan);
  }
  return plan;
}

export function ofType(plan: Plan, type: string): PlannedResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type (optionally whose name ends with `suffix`); fails the test if not exactly one. */
export function only(plan: Plan, type: string, suffix = ""): PlannedResource {
  const found = ofType(plan, type).filter((r) => r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} named *${suffix}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0];
}

/** Inputs with secrets revealed, for asserting on values. */
export function inputsOf(r: PlannedResource): Record<string, any> {
  return revealSecrets(r.inputs) as Record<string, any>;
}

export function outputsOf(r: PlannedResource): Record<string, any> {
  return revealSecrets(r.outputs) as Record<string, any>;
}

/** Resources of a plan below a component (any depth). */
export function descendants(plan: Plan, ancestor: PlannedResource): PlannedResource[] {
  const below = new Set([ancestor.urn]);
  const out: PlannedResource[] = [];
  for (const r of plan.resources) {
    if (r.parent && below.has(r.parent)) {
      below.add(r.urn);
      out.push(r);
    }
  }
  return out;
}

/** Every string in a value that is not inside a secret wrapper. */
function plainText(value: unknown): string[] {
  if (isSecretValue(value)) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(plainText);
  if (value && typeof value === "object") return Object.values(value).flatMap(plainText);
  return [];
}

/**
 * Where any of the given secret values shows outside a secret wrapper: in a resource's inputs or outputs, or
 * in the stack outputs. Empty when every occurrence is wrapped.
 */
export function exposedSecrets(plan: Plan, secrets: string[]): Array<{ where: string; text: string }> {
  const leaks = (where: string, value: unknown) =>
    plainText(value)
      .filter((text) => secrets.some((secret) => text.includes(secret)))
      .map((text) => ({ where, text }));
  return [...plan.resources.flatMap((r) => [...leaks(r.urn, r.inputs), ...leaks(r.urn, r.outputs)]), ...leaks("stack outputs", plan.outputs)];
}

/** Invokes that go through a provider bound to `region`, or name it among their arguments. */
export function callsInto(plan: Plan, region: string): string[] {
  const providers = new Map(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [`${r.urn}::${r.id}`, r.inputs]));
  const mentions = (value: unknown): boolean =>
    typeof value === "string" ? value === region || value.startsWith(`${region}-`) || value.includes(`/${region}/`) : value !== null && typeof value === "object" && Object.values(value).some(mentions);
  return plan.invokes
    .filter((call) => {
      const provider = call.provider ? providers.get(call.provider) : undefined;
      return mentions(call.args) || (provider !== undefined && [provider.region, provider.location].includes(region));
    })
    .map((call) => `${call.token} ${JSON.stringify(call.args)}`);
}

/**
 * What the engine would refuse in the targeted updates of a runbook, each step judged alone as the engine judges
 * one `pulumi up --target`: a resource the new plan drops that depends, transitively (dependencies, property
 * dependencies, parent, provider), on one of the step's targets, but is neither targeted by that step or an
 * earlier one nor removed from the state first (pulumi/pulumi step_generator.go,
 * determineAllowedResourcesToDeleteFromTargets; graph/dependency_graph.go DependingOn).
 */
export function untargetedDependentDeletes(before: Plan, after: Plan, set: { targets: Array<{ urn: string; steps: number[] }>; stateDeletes: string[] }): string[] {
  const kept = new Set(after.resources.map((r) => r.urn));
  const removed = new Set(set.stateDeletes);
  const dependents = new Map<string, string[]>();
  for (const r of before.resources) {
    if (removed.has(r.urn)) continue;
    const provider = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
    for (const on of new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...(r.parent ? [r.parent] : []), ...(provider ? [provider] : [])])) {
      dependents.set(on, [...(dependents.get(on) ?? []), r.urn]);
    }
  }
  const firstStep = new Map(set.targets.map((t) => [t.urn, Math.min(...t.steps)]));
  const refused = new Set<string>();
  for (const step of [...new Set(set.targets.flatMap((t) => t.steps))]) {
    const seeds = set.targets.filter((t) => t.steps.includes(step)).map((t) => t.urn);
    const seen = new Set(seeds);
    const frontier = [...seeds];
    while (frontier.length > 0) {
      for (const d of dependents.get(frontier.pop()!) ?? []) {
        if (seen.has(d)) continue;
        seen.add(d);
        frontier.push(d);
        const dropped = !kept.has(d) && before.resources.some((r) => r.urn === d);
        if (dropped && !((firstStep.get(d) ?? Infinity) <= step)) refused.add(`step ${step}: ${d}`);
      }
    }
  }
  return [...refused];
}
