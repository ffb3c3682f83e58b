import type { CheckInput, CheckResource, Violation } from "../../checker/model";
import { resolvePolicyConfig } from "../../checker/policyConfig";
import { runRules } from "../../checker/runner";
import { RULES, type DalpPolicy } from "../../policies/rules";

const STACK_URN = "urn:pulumi:test::dalp-ha::pulumi:pulumi:Stack::dalp-ha-test";
let counter = 0;

/**
 * A resource for a rule test: the same props as inputs (what resource rules see) and outputs (what stack
 * rules see), unless `outputs` is given.
 */
export function res(type: string, props: Record<string, unknown>, extra: Partial<CheckResource> = {}): CheckResource {
  const name = extra.name ?? `r${++counter}`;
  return {
    urn: `urn:pulumi:test::dalp-ha::${type}::${name}`,
    type,
    name,
    custom: true,
    inputs: props,
    outputs: props,
    protect: false,
    ignoreChanges: [],
    additionalSecretOutputs: [],
    dependencies: [],
    propertyDependencies: {},
    parent: STACK_URN,
    ...extra,
  };
}

export function stackOf(...resources: CheckResource[]): CheckInput {
  const root: CheckResource = { ...res("pulumi:pulumi:Stack", {}, { name: "dalp-ha-test", custom: false }), urn: STACK_URN, parent: undefined };
  return { project: "dalp-ha", stack: "test", origin: "test", resources: [root, ...resources] };
}

/** Violations of one rule on a stack, through the same runner the CLI uses. */
export async function violationsOf(policy: string, input: CheckInput, config: Record<string, unknown> = {}): Promise<Violation[]> {
  const rule = RULES.find((r) => r.name === policy);
  if (!rule) throw new Error(`no rule ${policy}`);
  return violationsOfRule(rule, input, config);
}

/** Violations of a rule built by the test (a rule over a table of the test's own facts, say). */
export async function violationsOfRule(rule: DalpPolicy, input: CheckInput, config: Record<string, unknown> = {}): Promise<Violation[]> {
  const result = await runRules(input, [rule], resolvePolicyConfig([rule], config));
  return result.violations;
}

/** Whether the rule judged itself not applicable to the stack. */
export async function notApplicableTo(policy: string, input: CheckInput): Promise<boolean> {
  const rule = RULES.find((r) => r.name === policy);
  if (!rule) throw new Error(`no rule ${policy}`);
  return (await runRules(input, [rule])).notApplicable.some((n) => n.policy === policy);
}

/**
 * A check's findings, less the one every reference stack has by design: no restore drill recorded
 * (`dalp-backup-drill-restores`, advisory), since a stack file cannot know when its deployment last drilled.
 * That rule is proven by its own fixtures and mutation.
 */
export function findingsOf(result: { violations: Array<{ policy: string; message: string }> }): string[] {
  return result.violations.filter((v) => v.policy !== "dalp-backup-drill-restores").map((v) => `${v.policy}: ${v.message}`);
}
