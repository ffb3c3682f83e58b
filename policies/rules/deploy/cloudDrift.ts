import { DRIFT_FACTS, type DriftFact } from "../drift";
import { DalpPolicy, resourceRule } from "../kit";

/** A property path as `ignoreChanges` spells it, in one spelling: `a["b"]` and `a.b` are the same path. */
function segments(path: string): string[] {
  return path
    .replace(/\["([^"]+)"\]/g, ".$1")
    .replace(/\[(\d+|\*)\]/g, ".$1")
    .split(".")
    .filter((s) => s !== "");
}

/** Whether an ignoreChanges entry names exactly the fact's path (a `*` index in either matches any index). */
/**
 * An ignoreChanges entry that names the fact's path. A `*` in the entry covers any element; a `*` in the fact
 * (every element changes) is covered only by a `*`: ignoring element 0 leaves the others to drift.
 */
function samePath(ignored: string, property: string): boolean {
  const a = segments(ignored);
  const b = segments(property);
  return a.length === b.length && a.every((s, i) => s === b[i] || s === "*");
}

/** An ignoreChanges entry that covers the fact's path by ignoring a whole parent of it. */
function isParentOf(ignored: string, property: string): boolean {
  const a = segments(ignored);
  const b = segments(property);
  return a.length < b.length && a.every((s, i) => s === b[i] || s === "*");
}

/**
 * The rule over a table of drift facts. The pack uses the cloud owners' tables (policies/rules/drift); tests
 * build it over facts of their own, so the rule is proven whatever the tables hold.
 */
export function cloudDriftRule(facts: readonly DriftFact[]): DalpPolicy {
  const types = [...new Set(facts.map((f) => f.type))];
  return resourceRule(
    {
      name: "dalp-deploy-ignore-cloud-drift",
      description: "Stateful resources ignore the properties their cloud changes by itself, so a refresh after a failover or an autogrow plans no change.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source:
        "Deployability: after an HA failover, a storage autogrow or an autoscaler's resize the next pulumi up --refresh plans to undo the cloud's change (move the primary back, shrink a disk, replace the resource). The table of what each cloud changes, with the provider documentation or public module for each entry, is policies/rules/drift",
      remediationSteps: "Add each listed property to the resource's ignoreChanges option, exactly as named (ignoring a whole parent object also hides deliberate changes to its other settings).",
    },
    types,
    (props, args, report) => {
      const ignored = args.opts.ignoreChanges ?? [];
      for (const fact of facts.filter((f) => f.type === args.type && (f.appliesWhen?.(props) ?? true))) {
        if (ignored.some((i) => samePath(i, fact.property))) continue;
        const parent = ignored.find((i) => isParentOf(i, fact.property));
        const hint = parent ? ` (it ignores all of ${parent}, which also hides deliberate changes; name ${fact.property} itself)` : "";
        report(`${args.name} does not ignore ${fact.property}${hint}: ${fact.why} (${fact.source}).`);
      }
    },
  );
}

export const cloudDrift: DalpPolicy = cloudDriftRule(DRIFT_FACTS);
