import { diffAgainstState } from "../planner/diff";
import type { Plan, PlannedResource } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { DRIFT_FACTS } from "../policies/rules/drift";
import { AWS_DRIFT } from "../policies/rules/drift/aws";
import { AZURE_DRIFT } from "../policies/rules/drift/azure";
import { GCP_DRIFT } from "../policies/rules/drift/gcp";
import { asRealExport, changeOf, drift, driftedValue, exportOf, notSame, stateResource, valueAt } from "./fixtures/diffStates";
import { inputsOf, ofType, only, referencePlan } from "./helpers/stacks";
import { parsePropertyPath, pathContains } from "../planner/diff/propertyPath";
import { rulesFor } from "../planner/diff/rules";

/**
 * The cloud changes some properties of stateful resources by itself: the zone a database fails over to, storage
 * that grows, node counts the autoscaler owns. After `pulumi refresh` the state holds the cloud's values; the next
 * `pulumi up` must leave the resource alone. Each test below changes a state the way one cloud changes it and
 * expects the diff to say `same`.
 */

const without = (plan: Plan, urn: string): Plan => ({ ...plan, resources: plan.resources.map((r) => (r.urn === urn ? { ...r, ignoreChanges: [] } : r)) });

describe("Azure Database for PostgreSQL flexible server", () => {
  const type = "azure-native:dbforpostgresql:Server";

  it("after an HA failover (zones swapped) and a storage autogrow, stays the same", async () => {
    const plan = await referencePlan("azure-cloud-native");
    const server = only(plan, type);
    const [primary, standby] = [inputsOf(server).availabilityZone, inputsOf(server).highAvailability.standbyAvailabilityZone];
    expect(primary).not.toEqual(standby);
    const state = asRealExport(exportOf(plan));
    const old = stateResource(state, server.urn);
    drift(old, "availabilityZone", () => standby);
    drift(old, "highAvailability.standbyAvailabilityZone", () => primary);
    drift(old, "storage.storageSizeGB", (gb) => Number(gb) * 2);
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });

  it("without the ignores, the same drift replaces the protected server (availabilityZone is create-only), and its database with it", async () => {
    const plan = await referencePlan("azure-cloud-native");
    const server = only(plan, type);
    const state = exportOf(plan);
    drift(stateResource(state, server.urn), "availabilityZone", () => inputsOf(server).highAvailability.standbyAvailabilityZone);
    const result = diffAgainstState(without(plan, server.urn), state);
    expect(changeOf(result, server.urn)).toMatchObject({ op: "replace", keys: ["availabilityZone"] });
    const database = only(plan, "azure-native:dbforpostgresql:Database");
    // The database names its server: a new server is a new parent, so the protected database goes too; the
    // server's delete lock names it as its scope, so the protected lock is replaced as well.
    expect(changeOf(result, database.urn)).toMatchObject({ op: "replace", keys: ["serverName"] });
    const lock = plan.resources.find((r) => r.type === "azure-native:authorization:ManagementLockByScope" && r.name.includes("postgres"))!;
    expect(changeOf(result, lock.urn)).toMatchObject({ op: "replace", keys: ["scope"] });
    expect(result.blocked.map((b) => b.urn).sort()).toEqual([server.urn, lock.urn, database.urn].sort());
  });
});

describe("Cloud SQL for PostgreSQL", () => {
  const type = "gcp:sql/databaseInstance:DatabaseInstance";

  it("after a failover (locationPreference zones swapped) and a disk autoresize, stays the same", async () => {
    const plan = await referencePlan("gcp-cloud-native");
    const instance = only(plan, type);
    const preference = inputsOf(instance).settings.locationPreference;
    expect(preference.zone).not.toEqual(preference.secondaryZone);
    const state = asRealExport(exportOf(plan));
    const old = stateResource(state, instance.urn);
    drift(old, "settings.locationPreference.zone", () => preference.secondaryZone);
    drift(old, "settings.locationPreference.secondaryZone", () => preference.zone);
    drift(old, "settings.diskSize", (gb) => Number(gb) + 150);
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });

  it("without the ignores, the failover would move the primary back (an update of the protected instance)", async () => {
    const plan = await referencePlan("gcp-cloud-native");
    const instance = only(plan, type);
    const state = exportOf(plan);
    const preference = inputsOf(instance).settings.locationPreference;
    drift(stateResource(state, instance.urn), "settings.locationPreference.zone", () => preference.secondaryZone);
    expect(changeOf(diffAgainstState(without(plan, instance.urn), state), instance.urn)).toMatchObject({ op: "update", keys: ["settings.locationPreference.zone"] });
  });
});

describe("Amazon RDS for PostgreSQL", () => {
  it("after storage autoscaling and a Multi-AZ failover, stays the same", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const db = only(plan, "aws:rds/instance:Instance");
    expect(inputsOf(db).maxAllocatedStorage).toBeGreaterThan(inputsOf(db).allocatedStorage);
    const state = asRealExport(exportOf(plan));
    const old = stateResource(state, db.urn);
    drift(old, "allocatedStorage", (gb) => Number(gb) + 50);
    // The standby's zone becomes the instance's: the program sets no zone, so nothing compares it.
    drift(old, "availabilityZone", () => "eu-central-1b");
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });

  it("a smaller disk than the state's is no change while autoscaling is on (the provider's own suppression)", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const db = only(plan, "aws:rds/instance:Instance");
    const state = exportOf(plan);
    drift(stateResource(state, db.urn), "allocatedStorage", (gb) => Number(gb) + 50);
    expect(changeOf(diffAgainstState(without(plan, db.urn), state), db.urn).op).toBe("same");
  });
});

describe("node counts after the autoscaler", () => {
  it.each([
    ["aws-cloud-native", "aws:eks/nodeGroup:NodeGroup", "scalingConfig.desiredSize"],
    ["azure-cloud-native", "azure-native:containerservice:ManagedCluster", "agentPoolProfiles[*].count"],
    ["gcp-cloud-native", "gcp:container/nodePool:NodePool", "nodeCount"],
  ])("%s %s %s grown by the autoscaler stays the same", async (stack, type, property) => {
    const plan = await referencePlan(stack);
    const pools = ofType(plan, type);
    expect(pools.length).toBeGreaterThan(0);
    const state = asRealExport(exportOf(plan));
    for (const pool of pools) drift(stateResource(state, pool.urn), property, (n) => (typeof n === "number" ? n + 2 : 3));
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });
});

describe("every property a cloud changes by itself (policies/rules/drift)", () => {
  it.each([
    ["aws", AWS_DRIFT],
    ["azure", AZURE_DRIFT],
    ["gcp", GCP_DRIFT],
  ])("%s records at least one", (_cloud, facts) => {
    expect(facts.length).toBeGreaterThan(0);
  });

  const cases = async () => {
    const out: Array<{ stack: string; resource: PlannedResource; property: string }> = [];
    for (const stack of referenceStacks()) {
      const plan = await referencePlan(stack);
      for (const fact of DRIFT_FACTS) {
        for (const resource of ofType(plan, fact.type)) {
          if (fact.appliesWhen && !fact.appliesWhen(inputsOf(resource))) continue;
          out.push({ stack, resource, property: fact.property });
        }
      }
    }
    return out;
  };

  it("each one, changed in the state of every reference resource it applies to, leaves the diff at same", async () => {
    const all = await cases();
    expect(all.length).toBeGreaterThanOrEqual(DRIFT_FACTS.length > 0 ? 3 : 1);
    const failures: string[] = [];
    for (const { stack, resource, property } of all) {
      const plan = await referencePlan(stack);
      const state = asRealExport(exportOf(plan));
      const old = stateResource(state, resource.urn);
      const before = valueAt(old.inputs, parsePropertyPath(property.replace("[*]", "[0]")));
      drift(old, property, driftedValue);
      const change = changeOf(diffAgainstState(plan, state), resource.urn);
      if (change.op !== "same") failures.push(`${stack}: ${resource.urn} after the cloud changed ${property} (was ${JSON.stringify(before)}): ${change.op} [${change.keys.join(", ")}]`);
    }
    expect(failures).toEqual([]);
  });

  it("where the program sets the property and the provider has no suppression of its own, the ignore is what keeps it the same", async () => {
    const failures: string[] = [];
    let loadBearing = 0;
    for (const { stack, resource, property } of await cases()) {
      const path = parsePropertyPath(property);
      const set = valueAt(inputsOf(resource), path.map((s) => (s === "*" ? 0 : s))) !== undefined;
      const suppressed = rulesFor(resource.type, {}, {}).some((rule) => rule.effect === "no-diff" && pathContains(parsePropertyPath(rule.path), path));
      if (!set || suppressed) continue;
      const plan = await referencePlan(stack);
      const state = exportOf(plan);
      drift(stateResource(state, resource.urn), property, driftedValue);
      const change = changeOf(diffAgainstState(without(plan, resource.urn), state), resource.urn);
      if (change.op === "same") failures.push(`${stack}: ${resource.urn} ${property} is the same even without ignoreChanges: this test's drift does not reach it`);
      else loadBearing++;
    }
    expect(failures).toEqual([]);
    expect(loadBearing).toBeGreaterThan(0);
  });
});
