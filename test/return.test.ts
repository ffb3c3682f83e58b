import { findingsOf } from "./helpers/checkInput";
import { fromPlan } from "../checker/fromPlan";
import { reseededReplicaIssues } from "../config/reseedChecks";
import { runRules } from "../checker/runner";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { RULES } from "../policies/rules";
import { STATEFUL } from "../policies/rules/types";
import { topologyOfNames } from "../topology/topology";
import { callsInto, descendants, placeOf, plannedChange, referenceDoc, scopeOf } from "./helpers/stacks";

/**
 * The return after a failover, for every hot-warm reference stack: the former primary comes back as the new
 * standby in two `pulumi up` runs that `dalp:reseed` names. The first lifts the protections of the former
 * primary's database and changes nothing else; the second deletes exactly that database and creates a new
 * replica of the active region in its place. Skipping the first is stopped by the engine, which is the point
 * of the acknowledgement.
 */
const HOT_WARM = referenceStacks().filter((s) => s.endsWith("-hot-warm"));

const regionsOf = (stack: string) => (referenceDoc(stack).config["dalp:regions"] as Array<string | { name: string }>).map((r) => (typeof r === "string" ? r : r.name));
const stateful = (r: { type: string }) => STATEFUL.includes(r.type as (typeof STATEFUL)[number]);

/** The home region's database component (named `<region>-postgres`) and everything below it. */
function databaseOf(plan: Plan, region: string, suffix = ""): PlannedResource[] {
  const component = plan.resources.find((r) => !r.custom && r.name === `${region}-postgres${suffix}` && r.type.startsWith("dalp:"));
  if (!component) throw new Error(`no database component ${region}-postgres${suffix}`);
  return [component, ...descendants(plan, component)];
}

/**
 * Azure's promoted replica keeps its backups in its own region: a replica cannot have geo-redundant backup, and
 * the setting is creation-only (docs/azure.md, Hot-warm), which the advisory copy rule says once the return has
 * made it the origin again. Nothing the stack can change.
 */
const knownGap = (finding: string) => finding.startsWith("dalp-dr-copy-backups-across-regions: Flexible Server");

describe.each(HOT_WARM)("%s returning its former primary as the standby", (stack) => {
  const [home, standby] = regionsOf(stack);
  const reseed = (step: "release" | "recreate" | "returned") => (c: Record<string, unknown>) => {
    c["dalp:primaryRegion"] = standby;
    c["dalp:reseed"] = { region: home, step };
  };

  let failedOver: Plan;
  let released: Plan;
  let returned: Plan;
  let failedBack: Plan;
  beforeAll(async () => {
    failedOver = await plannedChange(stack, (c) => (c["dalp:primaryRegion"] = standby));
    released = await plannedChange(stack, reseed("release"));
    returned = await plannedChange(stack, reseed("recreate"));
    failedBack = await plannedChange(stack, (c) => {
      reseed("returned")(c);
      c["dalp:primaryRegion"] = home;
    });
  });

  it("releases first: only the former primary's database changes, and nothing is created, replaced or deleted", () => {
    const diff = diffAgainstState(released, stateOfPlan(failedOver));
    expect(diff.changes.filter((c) => c.op !== "same" && c.op !== "update").map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    const database = new Set(databaseOf(released, home).map((r) => r.urn));
    expect(diff.changes.filter((c) => c.op === "update" && !database.has(c.urn)).map((c) => c.urn)).toEqual([]);
    // What `protect` guarded in the failed-over state is free in the released one, and only there.
    const unprotected = released.resources.filter((r) => !r.protect && failedOver.resources.find((o) => o.urn === r.urn)?.protect).map((r) => r.urn);
    expect(unprotected.length).toBeGreaterThan(0);
    expect(unprotected.filter((urn) => !database.has(urn))).toEqual([]);
  });

  it("then deletes exactly the former primary's database, which nothing protects any more, and creates its replacement beside it", () => {
    const diff = diffAgainstState(returned, stateOfPlan(released));
    expect(diff.blocked).toEqual([]);
    const database = new Set(databaseOf(released, home).map((r) => r.urn));
    const lost = diff.changes.filter((c) => (c.op === "delete" || c.op === "replace") && (stateful(c) || released.resources.find((r) => r.urn === c.urn)?.protect));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.filter((c) => c.op !== "delete" || !database.has(c.urn)).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    const created = new Set(diff.changes.filter((c) => c.op === "create").map((c) => c.urn));
    const replacement = databaseOf(returned, home, "-reseeded").filter((r) => r.custom && stateful(r));
    expect(replacement.length).toBeGreaterThan(0);
    expect(replacement.filter((r) => !created.has(r.urn)).map((r) => r.urn)).toEqual([]);
  });

  it("is stopped by the engine when the release is skipped: the acknowledgement cannot be one step", () => {
    const diff = diffAgainstState(returned, stateOfPlan(failedOver));
    const database = new Set(databaseOf(failedOver, home).map((r) => r.urn));
    expect(diff.blocked.length).toBeGreaterThan(0);
    expect(diff.blocked.filter((b) => !database.has(b.urn)).map((b) => b.urn)).toEqual([]);
  });

  it("keeps every other stateful resource of both regions, with its URN", () => {
    const database = new Set(databaseOf(failedOver, home).map((r) => r.urn));
    const kept = new Set(returned.resources.map((r) => r.urn));
    expect(failedOver.resources.filter((r) => (stateful(r) || r.protect) && !database.has(r.urn) && !kept.has(r.urn)).map((r) => r.urn)).toEqual([]);
  });

  it("is a stack the policy pack finds nothing wrong with at both steps, the deliberate release included", async () => {
    for (const plan of [released, returned]) {
      const result = await runRules(fromPlan(plan, stack), RULES);
      expect(findingsOf(result).filter((f) => !knownGap(f))).toEqual([]);
    }
  });

  it("releases nothing but that database: the same release of any other stateful resource of the region is still refused", async () => {
    const input = fromPlan(released, stack);
    const database = new Set(databaseOf(released, home).map((r) => r.urn));
    const inHome = (urn: string) => placeOf(released, released.resources.find((x) => x.urn === urn)!) === home;
    const other = input.resources.find((r) => r.protect && stateful(r) && !database.has(r.urn) && inHome(r.urn));
    expect(other).toBeDefined();
    other!.protect = false;
    const result = await runRules(input, RULES);
    expect(result.violations.filter((v) => v.policy === "dalp-stateful-require-protect").map((v) => v.urn)).toEqual([other!.urn]);
  });

  it("replicates the active region into the returned one again, and routes to it as the failover target", () => {
    const stamp = returned.resources.find((r) => r.type === "dalp:pattern:Stamp" && r.name === home)!;
    expect(stamp.inputs).toMatchObject({ role: "standby", workloads: "warm", validators: "off", database: { kind: "reseeded", source: standby } });
    expect(returned.outputs.runbook).toMatchObject({ kind: "failover", from: standby, to: home });
  });

  it("describes the same stack once the replica exists (step returned) as while it is created", async () => {
    const marked = await plannedChange(stack, reseed("returned"));
    expect(diffAgainstState(marked, stateOfPlan(returned)).changes.filter((c) => c.op !== "same").map((c) => `${c.op} ${c.urn}`)).toEqual([]);
  });

  it("stops a failover back that skipped recreate: the database it would promote is not in the state", async () => {
    const skipped = await plannedChange(stack, (c) => {
      reseed("returned")(c);
      c["dalp:primaryRegion"] = home;
    });
    const blocked = diffAgainstState(skipped, stateOfPlan(released)).blocked.filter((b) => b.op === "create");
    expect(blocked.map((b) => b.urn)).toEqual(databaseOf(skipped, home, "-reseeded").filter((r) => r.custom && stateful(r)).map((r) => r.urn));
    expect(blocked[0]?.reason).toMatch(/run dalp:reseed step recreate first/);
  });

  it("looks the re-seeded database up in its region before failing back to it, and at no other step", async () => {
    const lookups = (p: Plan) => p.invokes.filter((i) => /rds\/getInstance|sql\/getDatabaseInstances|dbforpostgresql:getServer/.test(i.token));
    expect(lookups(returned)).toEqual([]);
    expect(lookups(await plannedChange(stack, reseed("returned")))).toEqual([]);
    expect(lookups(failedBack)).toHaveLength(1);
    expect(callsInto({ ...failedBack, invokes: lookups(failedBack) }, home)).toHaveLength(1);
  });

  describe("and failing over to it again", () => {
    it("promotes the re-seeded replica in place and leaves the other region's database as it was: nothing stateful replaced or deleted", () => {
      const diff = diffAgainstState(failedBack, stateOfPlan(returned));
      const guarded = new Set(returned.resources.filter((r) => stateful(r) || r.protect).map((r) => r.urn));
      expect(diff.changes.filter((c) => guarded.has(c.urn) && (c.op === "replace" || c.op === "delete")).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
      expect(diff.blocked).toEqual([]);
      const other = new Set(databaseOf(returned, standby).map((r) => r.urn));
      expect(diff.changes.filter((c) => other.has(c.urn) && c.op !== "same").map((c) => `${c.op} ${c.urn}`)).toEqual([]);
      const replica = new Set(databaseOf(returned, home, "-reseeded").filter((r) => r.custom && stateful(r)).map((r) => r.urn));
      expect(diff.changes.filter((c) => replica.has(c.urn) && c.op === "update").length).toBeGreaterThan(0);
    });

    it("creates, updates and replaces nothing of the cloud in the region it leaves, whose APIs may be down", () => {
      const stamp = failedBack.resources.find((r) => r.type === "dalp:pattern:Stamp" && r.name === standby)!;
      expect(stamp.inputs).toMatchObject({ role: "cold", workloads: "isolated", validators: "off" });
      const diff = diffAgainstState(failedBack, stateOfPlan(returned));
      // There only Kubernetes objects change (scaled to zero), and replication out of it is no longer declared:
      // the targeted update leaves both out, and the reconciliation deletes the replication once the region is back.
      const cloudChanges = diff.changes
        .filter((c) => c.op !== "same" && c.op !== "delete" && !c.type.startsWith("kubernetes:") && !c.type.startsWith("dalp:") && !c.type.startsWith("pulumi:"))
        .filter((c) => {
          const r = failedBack.resources.find((x) => x.urn === c.urn) ?? returned.resources.find((x) => x.urn === c.urn);
          const plan = failedBack.resources.includes(r!) ? failedBack : returned;
          const scope = scopeOf(plan, r!);
          return scope.kind === "stamp" && scope.region === standby;
        });
      expect(cloudChanges.map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    });

    it("asks nothing of the region it leaves", () => {
      expect(failedBack.invokes.length).toBeGreaterThan(0);
      expect(callsInto(failedBack, standby)).toEqual([]);
    });

    it("is a stack the policy pack finds nothing wrong with", async () => {
      const result = await runRules(fromPlan(failedBack, stack), RULES);
      expect(findingsOf(result)).toEqual([]);
    });
  });
});

describe("a failover back, against a cloud that has no re-seeded database", () => {
  const topology = (step: "recreate" | "returned", primary = "eu-central-1") => topologyOfNames("hot-warm", ["eu-central-1", "eu-west-1"], primary, { region: "eu-central-1", step });

  it("is refused before anything is declared, naming the key and what the cloud said", async () => {
    const asked: string[] = [];
    const issues = await reseededReplicaIssues(topology("returned"), async (region) => {
      asked.push(region);
      return `RDS in ${region} has no instance dalp-x-${region}-reseeded (DBInstanceNotFound)`;
    });
    expect(asked).toEqual(["eu-central-1"]);
    expect(issues).toEqual([{ key: "dalp:reseed.step", given: '"returned"', allowed: expect.stringMatching(/^recreate, until eu-central-1's re-seeded replica exists: RDS in eu-central-1 has no instance .*DBInstanceNotFound/) }]);
  });

  it("asks nothing while the replica is being created, and accepts one that exists", async () => {
    expect(await reseededReplicaIssues(topology("recreate", "eu-west-1"), async () => "never asked")).toEqual([]);
    expect(await reseededReplicaIssues(topology("returned", "eu-west-1"), async () => "never asked")).toEqual([]);
    expect(await reseededReplicaIssues(topology("returned"), async () => undefined)).toEqual([]);
  });
});
