import { findingsOf } from "./helpers/checkInput";
import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan } from "../planner/model";
import { RULES } from "../policies/rules";
import { STATEFUL } from "../policies/rules/types";
import { referenceStacks } from "../planner/stackFiles";
import { callsInto, planChanged, referenceDoc, referencePlan } from "./helpers/stacks";

/**
 * What every hot-warm reference stack's failover (its `dalp:primaryRegion` set to the standby) must hold,
 * whatever the cloud: it loses nothing stateful, and it asks nothing of the region it leaves. When the active
 * region is down, its APIs fail with it: a failover that asks that region anything (its zones, its account,
 * its quotas) stops before it starts. Each cloud's own test file proves how its promotion and traffic move.
 */
const HOT_WARM = referenceStacks().filter((s) => s.endsWith("-hot-warm"));

function regionsOf(stack: string): string[] {
  return (referenceDoc(stack).config["dalp:regions"] as Array<string | { name: string }>).map((r) => (typeof r === "string" ? r : r.name));
}

describe.each(HOT_WARM)("%s failing over", (stack) => {
  const [home, standby] = regionsOf(stack);

  let flipped: Plan;
  beforeAll(async () => {
    const result = await planChanged(stack, (c) => (c["dalp:primaryRegion"] = standby));
    if (!result.ok) throw result.error;
    flipped = result.plan;
  });

  it("replaces and deletes no stateful or protected resource, and every one keeps its URN", async () => {
    const original = await referencePlan(stack);
    const stateful = new Set(original.resources.filter((r) => STATEFUL.includes(r.type as (typeof STATEFUL)[number]) || r.protect).map((r) => r.urn));
    const diff = diffAgainstState(flipped, stateOfPlan(original));
    expect(diff.changes.filter((c) => stateful.has(c.urn) && (c.op === "replace" || c.op === "delete")).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    expect(diff.blocked).toEqual([]);
    const kept = new Set(flipped.resources.map((r) => r.urn));
    expect([...stateful].filter((urn) => !kept.has(urn))).toEqual([]);
  });

  it("asks nothing of the region it leaves", () => {
    expect(flipped.invokes.length).toBeGreaterThan(0);
    expect(callsInto(flipped, home)).toEqual([]);
  });

  it("is a stack the policy pack finds nothing wrong with, the isolated region scaled to zero included", async () => {
    const result = await runRules(fromPlan(flipped, stack), RULES);
    expect(findingsOf(result)).toEqual([]);
  });

  it("carries the runbook as a stack output: the failover before it, and after it that what is left is the return", async () => {
    const normal = await referencePlan(stack);
    expect(normal.outputs.runbook).toMatchObject({ kind: "failover", from: home, to: standby });
    expect((flipped.outputs.runbook as { note: string }).note).toMatch(/re-seeds its database/);
  });

  it("asks the region it leaves while it is active: the check above is not vacuous", async () => {
    const result = await planChanged(stack, (c) => (c["dalp:primaryRegion"] = home));
    if (!result.ok) throw result.error;
    expect(callsInto(result.plan, home).length).toBeGreaterThan(0);
  });
});
