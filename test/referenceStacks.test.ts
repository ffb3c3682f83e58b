import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import type { Plan } from "../planner/model";
import { PROJECT_ROOT, referenceStacks } from "../planner/stackFiles";
import { typeCounts } from "../planner/summary";
import { RULES } from "../policies/rules";
import { STATEFUL } from "../policies/rules/types";
import { exposedSecrets, ofType, outputsOf, referencePlan, scopeOf } from "./helpers/stacks";

/**
 * What every reference stack must hold, whatever its cloud and pattern, asserted once over all of them. Each
 * stack's inventory (resources planned, by type) sits beside its stack file as `<stack>.inventory.yaml`;
 * a change to it is a change to what `pulumi up` creates and is reviewed as one. When intended:
 *
 *   UPDATE_INVENTORY=1 npx jest test/referenceStacks.test.ts -t '<stack>'
 */
const REGENERATE = "UPDATE_INVENTORY=1 npx jest test/referenceStacks.test.ts";
const inventoryFile = (stack: string) => path.join(PROJECT_ROOT, `${stack}.inventory.yaml`);

interface Inventory {
  resources: Record<string, number>;
}

function sortedCounts(plan: Plan): Record<string, number> {
  return Object.fromEntries(Object.entries(typeCounts(plan)).sort(([a], [b]) => a.localeCompare(b)));
}

const stateful = new Set<string>(STATEFUL);

describe.each(referenceStacks())("%s", (stack) => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await referencePlan(stack);
  });

  it("plans exactly the inventory committed beside its stack file", () => {
    const counts = sortedCounts(plan);
    const file = inventoryFile(stack);
    if (process.env.UPDATE_INVENTORY === "1") {
      const header = `# Resources the planned graph of ${stack} declares, by type (test/referenceStacks.test.ts).\n# Regenerate when a change is intended: ${REGENERATE} -t '${stack}'\n`;
      fs.writeFileSync(file, header + stringify({ resources: counts }));
    }
    if (!fs.existsSync(file)) throw new Error(`no ${path.basename(file)}; create it with ${REGENERATE} -t '${stack}'`);
    expect(counts).toEqual((parse(fs.readFileSync(file, "utf8")) as Inventory).resources);
  });

  it("has one stamp component per region of its topology, named after the region, and only the project's own components", () => {
    const regions = (plan.outputs.resourceSummary as { stamps: Array<{ region: string; cluster: boolean }> }).stamps.map((s) => s.region);
    expect(ofType(plan, "dalp:pattern:Stamp").map((s) => s.name).sort()).toEqual([...regions].sort());
    const components = plan.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.filter((c) => !c.type.startsWith("dalp:")).map((c) => c.type)).toEqual([]);
  });

  it("places every cloud and cluster resource under a stamp or the global component, so a region's resources are known by URN", () => {
    const homeless = plan.resources
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
      .filter((r) => scopeOf(plan, r).kind === "root");
    expect(homeless.map((r) => r.urn)).toEqual([]);
  });

  it("declares one database password for the deployment, aliased to the URN it had under the home region's database component", () => {
    const passwords = ofType(plan, "random:index/randomPassword:RandomPassword").filter((r) => r.name === "postgres-password");
    expect(passwords.map((r) => r.parent && plan.resources.find((p) => p.urn === r.parent)?.type)).toEqual(["dalp:pattern:Global"]);
    // The home region's database component, as the plan has it: the alias must name a child of exactly that one.
    const home = (plan.outputs.resourceSummary as { stamps: Array<{ region: string }> }).stamps[0].region;
    const component = plan.resources.find((r) => !r.custom && r.name === `${home}-postgres` && r.type.startsWith("dalp:"));
    expect(component).toBeDefined();
    expect(passwords[0].aliases).toEqual([{ urn: `${component!.urn.replace(/::[^:]+$/, "")}$random:index/randomPassword:RandomPassword::${home}-postgres-password` }]);
  });

  it("gives every resource an explicit provider, so none can land in an unintended region or account", () => {
    const providers = new Set(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => `${r.urn}::${r.id}`));
    // The engine's own resources (a Stash keeps a value in the state) run in the engine, through no provider.
    const engineOwn = (type: string) => type.startsWith("pulumi:providers:") || type === "pulumi:index:Stash";
    const without = plan.resources.filter((x) => x.custom && !engineOwn(x.type)).filter((r) => !(r.provider && providers.has(r.provider)));
    expect(without.map((r) => r.urn)).toEqual([]);
  });

  it("protects every stateful resource from deletion and replacement", () => {
    const unprotected = plan.resources.filter((r) => stateful.has(r.type) && !r.protect);
    expect(unprotected.map((r) => r.urn)).toEqual([]);
  });

  it("never puts a generated password in plain sight", () => {
    const secrets = ofType(plan, "random:index/randomPassword:RandomPassword").map((r) => outputsOf(r).result as string);
    expect(secrets.length).toBeGreaterThan(0);
    expect(exposedSecrets(plan, secrets)).toEqual([]);
  });

  it("passes every mandatory rule of the policy pack as committed", async () => {
    const result = await runRules(fromPlan(plan, stack), RULES);
    expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
  });
});
