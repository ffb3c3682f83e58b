/* eslint-disable @typescript-eslint/no-require-imports */
import type { PolicyResource, PolicyResourceOptions, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { DalpPolicy } from "../policies/rules";
import type { CheckInput, CheckResource, CheckResult, Violation } from "./model";
import { ResolvedConfig, resolvePolicyConfig } from "./policyConfig";

// The policy SDK's own proxy: reading an unknown value throws, as in `pulumi preview`. Internal to the SDK,
// so its shape is declared here.
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (...args: unknown[]) => Error;
};

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

function optionsOf(r: CheckResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: r.ignoreChanges,
    aliases: [],
    customTimeouts: r.customTimeouts ?? { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: r.additionalSecretOutputs,
    ...(r.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: r.deleteBeforeReplace } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

const noClassChecks = {
  isType: () => false,
  asType: () => undefined,
};

/**
 * Runs the pack's rules over a stack the way the Pulumi engine runs an analyzer: resource rules once per
 * resource with its inputs, stack rules once with every resource's outputs, parents and dependencies; props
 * behind the SDK's unknown-checking proxy; `notApplicable`; each rule's config from its schema defaults and
 * the policy configuration; the effective enforcement level per rule ("disabled" skips it).
 */
export async function runRules(input: CheckInput, rules: DalpPolicy[], config: ResolvedConfig = resolvePolicyConfig(rules)): Promise<CheckResult> {
  const violations: Violation[] = [];
  const skipped: Array<{ policy: string; reason: string }> = [];
  const stackUrn = input.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? `urn:pulumi:${input.stack}::${input.project}::pulumi:pulumi:Stack::${input.project}-${input.stack}`;
  const stackTags = new Map([
    ["pulumi:project", input.project],
    ["pulumi:runtime", "nodejs"],
  ]);
  const providerOf = providerLookup(input);


  let stackResources: PolicyResource[] | undefined;
  for (const rule of rules) {
    const { enforcementLevel: level, config: ruleConfig } = config.get(rule.name) ?? { enforcementLevel: rule.enforcementLevel, config: {} };
    if (level === "disabled") continue;
    const enforcementLevel = level === "remediate" || level === "mandatory" ? "mandatory" : "advisory";
    const getConfig = <T extends object>() => structuredClone(ruleConfig) as T;
    const na = new Set<string>();
    const report = (fallbackUrn: string) => (message: string | { message?: string }, urn?: string) => {
      violations.push({
        policy: rule.name,
        severity: rule.severity,
        enforcementLevel,
        urn: urn ?? fallbackUrn,
        message: typeof message === "string" ? message : (message.message ?? rule.description),
      });
    };

    /** Runs one check; false when the rule declared itself not applicable. */
    const attempt = async (run: () => void | Promise<void>, urn: string): Promise<boolean> => {
      try {
        await run();
      } catch (err) {
        if (err instanceof NotApplicable) {
          na.add(err.reason);
          return false;
        }
        else if (err instanceof proxy.UnknownValueError) {
          violations.push({ policy: rule.name, severity: rule.severity, enforcementLevel: "advisory", urn, message: `can't run during preview: ${err.message}` });
        } else throw new Error(`policy ${rule.name} failed on ${urn}: ${(err as Error).message}`);
      }
      return true;
    };
    let applied = false;

    if (rule.kind === "resource") {
      for (const r of input.resources) {
        const args: ResourceValidationArgs = {
          type: r.type,
          props: proxy.unknownCheckingProxy(r.inputs),
          urn: r.urn,
          name: r.name,
          opts: optionsOf(r),
          provider: providerOf(r),
          stackTags,
          getConfig,
          notApplicable,
          ...noClassChecks,
        } as ResourceValidationArgs;
        const validations = Array.isArray(rule.validateResource) ? rule.validateResource : rule.validateResource ? [rule.validateResource] : [];
        for (const validate of validations) {
          const ran = await attempt(() => validate(args, report(r.urn)), r.urn);
          if (ran && rule.appliesTo.includes(r.type)) applied = true;
        }
      }
      if (!applied && na.size === 0) na.add(rule.appliesTo.length === 0 ? "the rule names no resource type yet" : `no resource of type ${rule.appliesTo.join(", ")} in the stack`);
    } else {
      // One set of resource objects for every stack rule, as the engine builds once per analysis, so the
      // cloud-neutral view the rules share (policies/view) is read once, not once per rule.
      const resources = (stackResources ??= policyResourcesOf(input));
      const args: StackValidationArgs = { resources, stackTags, getConfig, notApplicable };
      applied = await attempt(() => rule.validateStack(args, report(stackUrn)), stackUrn);
    }
    // A rule that applied to nothing in the stack is reported as not applicable, with its reasons.
    if (!applied) skipped.push({ policy: rule.name, reason: [...na].join("; ") });
  }
  return { input, violations, notApplicable: skipped };
}

export const hasMandatory = (results: CheckResult[]) => results.some((r) => r.violations.some((v) => v.enforcementLevel === "mandatory"));

/** A resource's provider as the engine hands it to a policy: type, name, URN and its inputs. */
function providerLookup(input: CheckInput): (r: CheckResource) => PolicyResource["provider"] {
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  return (r) => {
    if (!r.provider) return undefined;
    const p = byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
    return p ? { type: p.type, props: proxy.unknownCheckingProxy(p.inputs), urn: p.urn, name: p.name } : undefined;
  };
}

/**
 * The stack's resources as the engine hands them to a stack policy: outputs behind the unknown-checking proxy,
 * parents, dependencies and property dependencies linked to the resource objects themselves.
 */
export function policyResourcesOf(input: CheckInput): PolicyResource[] {
  const providerOf = providerLookup(input);

  const resources = input.resources.map((r) => ({
    type: r.type,
    props: proxy.unknownCheckingProxy(r.outputs),
    urn: r.urn,
    name: r.name,
    opts: optionsOf(r),
    provider: providerOf(r),
    dependencies: [],
    propertyDependencies: {},
    ...noClassChecks,
  })) as unknown as PolicyResource[];
  const linked = new Map(resources.map((r) => [r.urn, r]));
  input.resources.forEach((r, i) => {
    const res = resources[i] as PolicyResource & { parent?: PolicyResource };
    if (r.parent && linked.get(r.parent)) res.parent = linked.get(r.parent);
    res.dependencies = r.dependencies.map((d) => linked.get(d)).filter((d): d is PolicyResource => d !== undefined);
    res.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => linked.get(d)).filter((d): d is PolicyResource => d !== undefined)]));
  });
  return resources;
}
