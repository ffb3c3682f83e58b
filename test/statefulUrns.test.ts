import * as fs from "fs";
import * as path from "path";
import { matchToState } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { STATEFUL } from "../policies/rules/types";
import { referencePlan } from "./helpers/stacks";

/**
 * Nothing lost by a rename: a resource's URN is its identity in the state, and renaming it (or any component
 * above it) without an `aliases` entry makes `pulumi up` create a new one and delete the old, which for a
 * database is the data, or stop on `protect`. The URNs of every stateful resource of each reference stack are
 * committed in test/fixtures/statefulUrns/; each must still be claimed, under its URN or through aliases the way
 * the engine follows them. When a change is intended, regenerate the fixtures:
 *
 *   UPDATE_STATEFUL_URNS=1 npx jest test/statefulUrns.test.ts
 */
const REGENERATE = "UPDATE_STATEFUL_URNS=1 npx jest test/statefulUrns.test.ts";
const FIXTURES = path.join(__dirname, "fixtures", "statefulUrns");

interface Fixture {
  about: string;
  stateful: Array<{ urn: string; type: string }>;
  /** The components above them: an alias on a renamed component is followed through these, as the engine does. */
  ancestors: string[];
}

const statefulTypes = new Set<string>(STATEFUL);

/** Resources whose loss re-running the program cannot undo: the stateful types, and whatever the program protects. */
function statefulOf(plan: Plan): PlannedResource[] {
  return plan.resources.filter((r) => statefulTypes.has(r.type) || r.protect);
}

function fixtureOf(plan: Plan): Fixture {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const stateful = statefulOf(plan);
  const ancestors = new Set<string>();
  for (const r of stateful) {
    for (let parent = r.parent; parent; parent = byUrn.get(parent)?.parent) ancestors.add(parent);
  }
  return {
    about: `URNs of every stateful resource of the ${plan.stack} reference stack (test/statefulUrns.test.ts). Regenerate when a change is intended: ${REGENERATE}`,
    stateful: stateful.map((r) => ({ urn: r.urn, type: r.type })),
    ancestors: [...ancestors].filter((urn) => !stateful.some((r) => r.urn === urn)),
  };
}

const fixtureFile = (stack: string) => path.join(FIXTURES, `${stack}.json`);

describe.each(referenceStacks())("%s", (stack) => {
  it("keeps the URN of every stateful resource, or an alias to it", async () => {
    const plan = await referencePlan(stack);
    if (process.env.UPDATE_STATEFUL_URNS === "1") {
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(fixtureFile(stack), `${JSON.stringify(fixtureOf(plan), null, 2)}\n`);
    }
    if (!fs.existsSync(fixtureFile(stack))) throw new Error(`no ${path.relative(process.cwd(), fixtureFile(stack))}; create it with ${REGENERATE}`);
    const fixture = JSON.parse(fs.readFileSync(fixtureFile(stack), "utf8")) as Fixture;
    expect(fixture.stateful.length).toBeGreaterThan(0);

    const committed = new Set([...fixture.stateful.map((s) => s.urn), ...fixture.ancestors]);
    const { oldUrnOf } = matchToState(plan.resources, committed, plan.project, plan.stack);
    const claimed = new Set(oldUrnOf.values());
    const lost = fixture.stateful
      .filter((s) => !claimed.has(s.urn))
      .map(
        (s) =>
          `${s.urn} (${s.type}) is gone from the plan of ${stack}: a rename of the resource or of a component above it gives it a new URN, and pulumi up would replace it or stop on protect. ` +
          `Keep it with an alias on the renamed resource or component, e.g. { aliases: [{ name: "${s.urn.split("::").pop()}" }] } or { aliases: ["${s.urn}"] }; ` +
          `if it is meant to go, regenerate the fixture: ${REGENERATE}`,
      );
    expect(lost).toEqual([]);
  });

  it("has every stateful resource of the plan in the fixture", async () => {
    const plan = await referencePlan(stack);
    const fixture = JSON.parse(fs.readFileSync(fixtureFile(stack), "utf8")) as Fixture;
    const committed = new Set([...fixture.stateful.map((s) => s.urn), ...fixture.ancestors]);
    const { oldUrnOf } = matchToState(plan.resources, committed, plan.project, plan.stack);
    const unrecorded = statefulOf(plan)
      .filter((r) => !oldUrnOf.has(r.urn))
      .map((r) => `${r.urn} (${r.type}) is stateful and not in ${path.relative(process.cwd(), fixtureFile(stack))}: record it with ${REGENERATE}`);
    expect(unrecorded).toEqual([]);
  });
});

describe("the check itself", () => {
  it("fails on a renamed stateful resource without an alias and passes with one", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const fixture = fixtureOf(plan);
    const db = plan.resources.find((r) => r.type === "aws:rds/instance:Instance") as PlannedResource;
    const renamedUrn = db.urn.replace(/::[^:]+$/, "::eu-central-1-ledger-db");
    const rename = (aliases: PlannedResource["aliases"]): PlannedResource[] =>
      plan.resources.map((r) => (r.urn === db.urn ? { ...r, urn: renamedUrn, name: "eu-central-1-ledger-db", aliases } : r));
    const committed = new Set([...fixture.stateful.map((s) => s.urn), ...fixture.ancestors]);

    const withoutAlias = matchToState(rename([]), committed, plan.project, plan.stack);
    expect([...withoutAlias.oldUrnOf.values()]).not.toContain(db.urn);
    const withAlias = matchToState(rename([{ name: db.name, parentUrn: db.parent }]), committed, plan.project, plan.stack);
    expect(withAlias.oldUrnOf.get(renamedUrn)).toBe(db.urn);
  });

  it("follows an alias on a renamed component to the stateful resources below it, whose names carry the component's", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const fixture = fixtureOf(plan);
    const db = plan.resources.find((r) => r.type === "aws:rds/instance:Instance") as PlannedResource;
    const component = plan.resources.find((r) => r.urn === db.parent) as PlannedResource;
    expect(db.name.startsWith(component.name)).toBe(true);
    const renamed = (name: string) => name.replace(component.name, "eu-central-1-ledger");
    const withName = (r: PlannedResource, name: string, parent?: string): PlannedResource => ({ ...r, name, parent, urn: r.urn.replace(/::[^:]+$/, `::${name}`) });
    const newComponent = withName(component, renamed(component.name), component.parent);
    const resources = plan.resources.map((r) => {
      if (r.urn === component.urn) return { ...newComponent, aliases: [{ name: component.name, parentUrn: component.parent }] };
      if (r.parent === component.urn) return withName(r, renamed(r.name), newComponent.urn);
      return r;
    });
    const committed = new Set([...fixture.stateful.map((s) => s.urn), ...fixture.ancestors]);
    const newDb = resources.find((r) => r.type === db.type) as PlannedResource;
    expect(newDb.urn).not.toBe(db.urn);
    expect(matchToState(resources, committed, plan.project, plan.stack).oldUrnOf.get(newDb.urn)).toBe(db.urn);

    // Without the component's alias, the renamed database is a new resource.
    const unaliased = resources.map((r) => (r.urn === newComponent.urn ? { ...r, aliases: [] } : r));
    expect(matchToState(unaliased, committed, plan.project, plan.stack).oldUrnOf.get(newDb.urn)).toBeUndefined();
  });
});
