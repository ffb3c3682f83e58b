import * as pulumi from "@pulumi/pulumi";
import { EXIT } from "../cli/exitCodes";
import { run } from "../cli/main";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import { executePlan } from "../planner/plan";
import type { Plan } from "../planner/model";
import { referenceStacks, stackFilePath } from "../planner/stackFiles";
import { toStackExport } from "../planner/stackExport";
import { CaptureMonitor } from "../planner/captureMonitor";
import { durationSeconds } from "../planner/model";
import { azureApiVersionOf } from "../planner/diff/providerCheck";
import { asRealExport, changeOf, drift, exportOf, notSame, stateResource, withCloudValues, writeExportFile } from "./fixtures/diffStates";
import { only, plannedChange, referenceDoc, referencePlan, writeStackFile } from "./helpers/stacks";

const AWS = "aws-cloud-native";
const AZURE = "azure-cloud-native";
const GCP = "gcp-cloud-native";

const planned = plannedChange;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["node", "dalp-ha", ...args], (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("a plan diffed against its own export", () => {
  it.each(referenceStacks())("%s: every resource is the same", async (stack) => {
    const plan = await referencePlan(stack);
    const result = diffAgainstState(plan, exportOf(plan));
    expect(notSame(result)).toEqual([]);
    expect(result.changes).toHaveLength(plan.resources.length);
    expect(result.blocked).toEqual([]);
  });

  it.each(referenceStacks())("%s: also against what a real export holds (auto-names and bridge defaults in the inputs)", async (stack) => {
    const plan = await referencePlan(stack);
    const state = asRealExport(exportOf(plan));
    // The state really differs from the plan's inputs, or this test proves nothing.
    expect(state.resources.some((r) => Object.keys(r.inputs).some((k) => !(k in (plan.resources.find((p) => p.urn === r.urn)?.inputs ?? {}))))).toBe(true);
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });
});

describe("a state the cloud filled in", () => {
  it.each(referenceStacks())("%s: the ids, ARNs and names the providers generated replace the planned ones before comparing", async (stack) => {
    const plan = await referencePlan(stack);
    const state = asRealExport(withCloudValues(exportOf(plan)));
    // The state's values really differ from the plan's: a dependent's input that carries an id or ARN.
    const dependent = plan.resources.find((r) => r.custom && Object.values(r.propertyDependencies).some((deps) => deps.length > 0)) as Plan["resources"][number];
    expect(JSON.stringify(stateResource(state, dependent.urn).inputs)).not.toEqual(JSON.stringify(exportOf(plan).resources.find((r) => r.urn === dependent.urn)?.inputs));
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);
  });
});

describe("configuration changes", () => {
  it("a retention change updates the database in place", async () => {
    const before = await referencePlan(AWS);
    const after = await planned(AWS, (c) => (c["dalp:postgres"].backupRetentionDays = 14));
    const db = only(after, "aws:rds/instance:Instance");
    const result = diffAgainstState(after, exportOf(before));
    expect(changeOf(result, db.urn)).toEqual({ urn: db.urn, type: db.type, op: "update", keys: ["backupRetentionPeriod"] });
    expect(result.blocked).toEqual([]);
  });

  it("a new database name replaces the protected database: blocked", async () => {
    const before = await referencePlan(AWS);
    const after = await planned(AWS, (c) => (c["dalp:postgres"].databaseName = "ledger"));
    const db = only(after, "aws:rds/instance:Instance");
    const result = diffAgainstState(after, exportOf(before));
    expect(changeOf(result, db.urn)).toMatchObject({ op: "replace", keys: ["dbName"] });
    expect(result.blocked).toEqual([expect.objectContaining({ urn: db.urn, op: "replace", keys: ["dbName"] })]);
  });

  it("switching alerts off deletes their resources, switching them on creates them", async () => {
    const withAlerts = await referencePlan(AWS);
    const without = await planned(AWS, (c) => (c["dalp:alerts"] = { enabled: false }));
    const alerts = withAlerts.resources.filter((r) => !without.resources.some((w) => w.urn === r.urn));
    expect(alerts.length).toBeGreaterThan(0);

    const off = diffAgainstState(without, exportOf(withAlerts));
    expect(off.changes.filter((c) => c.op === "delete").map((c) => c.urn).sort()).toEqual(alerts.map((r) => r.urn).sort());
    expect(off.blocked).toEqual([]);

    const on = diffAgainstState(withAlerts, exportOf(without));
    expect(on.changes.filter((c) => c.op === "create").map((c) => c.urn).sort()).toEqual(alerts.map((r) => r.urn).sort());
  });

  it("a region change replaces nothing in place: every regional resource is a new URN, and the protected ones block", async () => {
    const before = await referencePlan(AWS);
    const after = await planned(AWS, (c) => {
      c["aws:region"] = "eu-west-1";
      c["dalp:regions"] = [{ name: "eu-west-1", zones: 3 }];
    });
    const result = diffAgainstState(after, exportOf(before));
    const protectedOld = before.resources.filter((r) => r.protect).map((r) => r.urn);
    expect(protectedOld.length).toBeGreaterThan(0);
    expect(result.blocked.filter((b) => b.op === "delete").map((b) => b.urn).sort()).toEqual(protectedOld.sort());
  });
});

describe("replacements carry over to what depends on them", () => {
  it("a KMS key the state holds with another key usage is replaced, and the database encrypted with it too", async () => {
    const plan = await referencePlan(AWS);
    const key = only(plan, "aws:kms/key:Key");
    const db = only(plan, "aws:rds/instance:Instance");
    const state = exportOf(plan);
    drift(stateResource(state, key.urn), "keyUsage", () => "SIGN_VERIFY");
    const result = diffAgainstState(plan, state);
    expect(changeOf(result, key.urn)).toMatchObject({ op: "replace", keys: ["keyUsage"] });
    // The new key's ARN is unknown until it exists, and kmsKeyId forces a new database.
    expect(changeOf(result, db.urn)).toMatchObject({ op: "replace", keys: expect.arrayContaining(["kmsKeyId"]) });
    expect(result.blocked.map((b) => b.urn)).toEqual(expect.arrayContaining([key.urn, db.urn]));
  });
});

describe("ignoreChanges", () => {
  it("a node count the autoscaler changed stays the same, and would be an update without the ignore", async () => {
    const plan = await referencePlan(AWS);
    const group = plan.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup") as (typeof plan.resources)[number];
    expect(group.ignoreChanges).toContain("scalingConfig.desiredSize");
    const state = exportOf(plan);
    drift(stateResource(state, group.urn), "scalingConfig.desiredSize", () => 3);
    expect(changeOf(diffAgainstState(plan, state), group.urn).op).toBe("same");

    const unignored: Plan = { ...plan, resources: plan.resources.map((r) => (r.urn === group.urn ? { ...r, ignoreChanges: [] } : r)) };
    expect(changeOf(diffAgainstState(unignored, state), group.urn)).toMatchObject({ op: "update", keys: ["scalingConfig.desiredSize"] });
  });
});

class Ledger extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("dalp:test:Ledger", name, {}, opts);
    new Store(`${name}-store`, { parent: this, protect: true });
    this.registerOutputs({});
  }
}

class Store extends pulumi.CustomResource {
  constructor(name: string, opts: pulumi.CustomResourceOptions) {
    super("test:index:Store", name, { size: 10 }, opts);
  }
}

/** A program of its own: a component and a protected child, under names the test chooses. */
function renamingProgram(componentName: string, aliases?: pulumi.Alias[]): () => Promise<Record<string, unknown>> {
  return async () => {
    new Ledger(componentName, { aliases });
    return {};
  };
}

async function planProgram(program: () => Promise<Record<string, unknown>>): Promise<Plan> {
  const result = await executePlan({ stack: AWS, program });
  if (!result.ok) throw result.error;
  return result.plan;
}

describe("aliases", () => {
  it("a renamed component with an alias keeps its protected child, which inherits the alias", async () => {
    const before = await planProgram(renamingProgram("ledger"));
    const after = await planProgram(renamingProgram("books", [{ name: "ledger" }]));
    const result = diffAgainstState(after, stateOfPlan(before));
    const store = after.resources.find((r) => r.type === "test:index:Store") as Plan["resources"][number];
    expect(store.urn).toMatch(/::books-store$/);
    expect(changeOf(result, store.urn).op).toBe("same");
    expect(result.aliased.map((a) => a.from)).toEqual([
      expect.stringMatching(/dalp:test:Ledger::ledger$/),
      expect.stringMatching(/dalp:test:Ledger\$test:index:Store::ledger-store$/),
    ]);
    expect(result.changes.filter((c) => c.op === "delete")).toEqual([]);
    expect(result.blocked).toEqual([]);
  });

  it("the same rename without an alias creates a new store and deletes the protected one: blocked", async () => {
    const before = await planProgram(renamingProgram("ledger"));
    const after = await planProgram(renamingProgram("books"));
    const result = diffAgainstState(after, stateOfPlan(before));
    expect(result.blocked).toEqual([expect.objectContaining({ op: "delete", urn: expect.stringMatching(/::ledger-store$/) })]);
  });

  it("records the aliases a registration carries, and the export lists the old URNs", async () => {
    const after = await planProgram(renamingProgram("books", [{ name: "ledger" }]));
    const component = after.resources.find((r) => r.type === "dalp:test:Ledger") as Plan["resources"][number];
    expect(component.aliases).toEqual([expect.objectContaining({ name: "ledger" })]);
    const exported = exportOf(after);
    expect(exported.resources.length).toBe(after.resources.length);
    const { toStackExport } = await import("../planner/stackExport");
    const aliasesOf = (urnEnd: string) => toStackExport(after).deployment.resources.find((r) => r.urn.endsWith(urnEnd))?.aliases;
    expect(aliasesOf("::books")).toEqual([expect.stringMatching(/::dalp:test:Ledger::ledger$/)]);
    expect(aliasesOf("::books-store")).toEqual([expect.stringMatching(/::dalp:test:Ledger\$test:index:Store::ledger-store$/)]);
  });
});

describe("what the providers update in place, or treat as the same, on the reference stacks", () => {
  it("aws: a renamed RDS identifier is an update in place (ModifyDBInstance NewDBInstanceIdentifier), not a blocked replacement", async () => {
    const plan = await referencePlan(AWS);
    const db = only(plan, "aws:rds/instance:Instance");
    expect(db.protect).toBe(true);
    const state = exportOf(plan);
    drift(stateResource(state, db.urn), "identifier", () => "dalp-ledger-eu-central-1");
    const result = diffAgainstState(plan, state);
    expect(changeOf(result, db.urn)).toMatchObject({ op: "update", keys: ["identifier"] });
    expect(result.blocked).toEqual([]);
  });

  it("aws: a new backup target replaces the protected database: blocked", async () => {
    const plan = await referencePlan(AWS);
    const db = only(plan, "aws:rds/instance:Instance");
    const withTarget: Plan = { ...plan, resources: plan.resources.map((r) => (r.urn === db.urn ? { ...r, inputs: { ...r.inputs, backupTarget: "region" } } : r)) };
    const state = exportOf(withTarget);
    drift(stateResource(state, db.urn), "backupTarget", () => "outposts");
    const result = diffAgainstState(withTarget, state);
    expect(changeOf(result, db.urn)).toMatchObject({ op: "replace", keys: ["backupTarget"] });
    expect(result.blocked.map((b) => b.urn)).toEqual([db.urn]);
  });

  it("azure: a state written by azure-native v3 (azureApiVersion in every resource's inputs) is the same", async () => {
    const plan = await referencePlan(AZURE);
    const state = exportOf(plan);
    const azure = state.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
    expect(azure.length).toBeGreaterThan(10);
    for (const r of azure) {
      const version = azureApiVersionOf(r.type);
      expect([r.type, version]).toEqual([r.type, expect.stringMatching(/^\d{4}-\d{2}-\d{2}/)]);
      r.inputs.azureApiVersion = version;
      r.outputs.azureApiVersion = version;
    }
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);

    // A provider upgrade that moves a type to another API version updates it, as azure-native does.
    const aks = only(plan, "azure-native:containerservice:ManagedCluster");
    stateResource(state, aks.urn).inputs.azureApiVersion = "2023-04-01";
    const upgraded = diffAgainstState(plan, state);
    expect(changeOf(upgraded, aks.urn)).toMatchObject({ op: "update", keys: ["azureApiVersion"] });
    expect(upgraded.notes.join("\n")).toMatch(/ManagedCluster: the table holds azure-native's forceNewMap only/);
  });

  it("azure: a location recorded as \"West Europe\" is the configured westeurope; another region replaces", async () => {
    const plan = await referencePlan(AZURE);
    const state = exportOf(plan);
    const located = state.resources.filter((r) => r.inputs.location === "westeurope");
    expect(located.length).toBeGreaterThan(3);
    for (const r of located) r.inputs.location = "West Europe";
    expect(notSame(diffAgainstState(plan, state))).toEqual([]);

    const server = only(plan, "azure-native:dbforpostgresql:Server");
    stateResource(state, server.urn).inputs.location = "North Europe";
    expect(changeOf(diffAgainstState(plan, state), server.urn)).toMatchObject({ op: "replace", keys: ["location"] });
  });

  it("azure: a delete lock on another scope is replaced (the scope is in the lock's ARM path): blocked", async () => {
    const plan = await referencePlan(AZURE);
    const locks = plan.resources.filter((r) => r.type === "azure-native:authorization:ManagementLockByScope");
    expect(locks.length).toBeGreaterThan(0);
    const lock = locks[0];
    const state = exportOf(plan);
    const recorded = stateResource(state, lock.urn);
    recorded.inputs.scope = `${String(recorded.inputs.scope)}-before`;
    const result = diffAgainstState(plan, state);
    expect(changeOf(result, lock.urn)).toMatchObject({ op: "replace", keys: ["scope"] });
    expect(result.blocked.map((b) => b.urn)).toContain(lock.urn);
  });

  it("gcp: the protected cluster's control-plane subnetwork recorded as a self link is the same; another subnetwork replaces it: blocked", async () => {
    const plan = await referencePlan(GCP);
    const cluster = only(plan, "gcp:container/cluster:Cluster");
    expect(cluster.protect).toBe(true);
    const configured = String((cluster.inputs.privateClusterConfig as Record<string, unknown>).privateEndpointSubnetwork);
    expect(configured).toMatch(/^projects\/.+\/subnetworks\//);

    const selfLinked = exportOf(plan);
    const recorded = stateResource(selfLinked, cluster.urn).outputs.privateClusterConfig as Record<string, unknown>;
    recorded.privateEndpointSubnetwork = `https://www.googleapis.com/compute/v1/${configured}`;
    expect(changeOf(diffAgainstState(plan, selfLinked), cluster.urn).op).toBe("same");

    const moved = exportOf(plan);
    (stateResource(moved, cluster.urn).outputs.privateClusterConfig as Record<string, unknown>).privateEndpointSubnetwork = configured.replace(/[^/]+$/, "elsewhere");
    const result = diffAgainstState(plan, moved);
    expect(changeOf(result, cluster.urn)).toMatchObject({ op: "replace", keys: ["privateClusterConfig.privateEndpointSubnetwork"] });
    expect(result.blocked.map((b) => b.urn)).toContain(cluster.urn);
  });
});

describe("custom timeouts", () => {
  it("records each registration's customTimeouts on the planned graph, and the export carries them in seconds", async () => {
    const plan = await referencePlan(GCP);
    const redis = only(plan, "gcp:redis/instance:Instance");
    expect(redis.customTimeouts).toEqual({ create: "60m", update: "60m", delete: "60m" });
    const cluster = only(plan, "gcp:container/cluster:Cluster");
    expect(cluster.customTimeouts).toEqual({});
    const exported = toStackExport(plan).deployment.resources;
    expect(exported.find((r) => r.urn === redis.urn)?.customTimeouts).toEqual({ create: 3600, update: 3600, delete: 3600 });
    expect(exported.find((r) => r.urn === cluster.urn)).not.toHaveProperty("customTimeouts");
  });

  it("reads Go durations as the engine does (time.ParseDuration), and exports them in seconds", async () => {
    const timed = (customTimeouts: pulumi.CustomTimeouts) => async () => {
      new Store("timed-store", { customTimeouts });
      return {};
    };
    const ok = await planProgram(timed({ create: "1h30m", delete: "90s" }));
    const store = ok.resources.find((r) => r.type === "test:index:Store") as Plan["resources"][number];
    expect(store.customTimeouts).toEqual({ create: "1h30m", delete: "90s" });
    expect(toStackExport(ok).deployment.resources.find((r) => r.urn === store.urn)?.customTimeouts).toEqual({ create: 5400, delete: 90 });

    expect(durationSeconds("-1.5h")).toBe(-5400);
    expect(durationSeconds("0")).toBe(0);
    for (const text of ["an hour", "60", "1d", ""]) expect(() => durationSeconds(text)).toThrow(/invalid duration/);
  });

  it("refuses a registration whose timeout the engine could not parse, naming the resource and the option", async () => {
    const monitor = new CaptureMonitor();
    const timeouts = { getCreate: () => "an hour", getUpdate: () => "", getDelete: () => "", getRead: () => "" };
    const request = { getType: () => "test:index:Store", getName: () => "timed-store", getCustomtimeouts: () => timeouts };
    const error = await new Promise<unknown>((resolve) => void monitor.registerResource(request as never, (err) => resolve(err)));
    expect(String(error)).toMatch(/test:index:Store timed-store: customTimeouts\.create: invalid duration "an hour"/);
    expect(monitor.planned).toEqual([]);
  });
});

describe("dalp-ha diff", () => {
  it("prints the changes and exits 0 when nothing protected is lost", async () => {
    const before = await referencePlan(AWS);
    const file = writeExportFile(await planned(AWS, (c) => (c["dalp:postgres"].backupRetentionDays = 14)));
    const { code, out } = await cli("diff", AWS, "--state", file);
    expect(code).toBe(0);
    expect(out).toContain("update");
    expect(out).toMatch(/aws:rds\/instance:Instance\s+eu-central-1-postgres-db\s+\[backupRetentionPeriod\]/);
    expect(before.resources.length).toBeGreaterThan(0);
  });

  it("--format json gives {changes: [{urn, type, op, keys}]} and exits 1 when a protected database would be replaced", async () => {
    const file = writeExportFile(await planned(AWS, (c) => (c["dalp:postgres"].databaseName = "ledger")));
    const { code, out } = await cli("diff", AWS, "--state", file, "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(out);
    for (const change of report.changes) expect(Object.keys(change).sort()).toEqual(["keys", "op", "type", "urn"]);
    const db = report.changes.find((c: any) => c.type === "aws:rds/instance:Instance");
    expect(db).toMatchObject({ op: "replace", keys: ["dbName"] });
    expect(report.blocked).toHaveLength(1);
  });

  it("plans under the state's own stack name, so URNs and stack-derived names match", async () => {
    const renamed = await executePlan({ stack: "prod-eu", configFile: stackFilePath(AWS) });
    if (!renamed.ok) throw renamed.error;
    const file = writeExportFile(renamed.plan);
    const { code, out } = await cli("diff", AWS, "--state", file);
    expect(code).toBe(0);
    expect(out).toContain("as stack prod-eu (the state's)");
    expect(out).toMatch(/0 update, 0 replace, 0 create, 0 delete/);
  });

  it.each([
    [["diff", AWS], /--state FILE is required/],
    [["diff", "--state", "nowhere.json", AWS], /--state nowhere\.json: no such file/],
    [["diff", "--state", __filename], /name the configuration to diff|not a pulumi stack export|cannot read/],
    [["diff", AWS, "--state", __filename, "--format", "yaml"], /--format must be one of text, json/],
  ])("refuses %j with a message and exit 2", async (args, message) => {
    const { code, err } = await cli(...(args as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message as RegExp);
  });

  it("stops on an invalid configuration with the configuration's exit code, comparing nothing", async () => {
    const file = writeExportFile(await referencePlan(AWS));
    const doc = referenceDoc(AWS);
    (doc.config["dalp:postgres"] as Record<string, unknown>).backupRetentionDays = 90;
    const { code, out, err } = await cli("diff", "--state", file, "--config", writeStackFile(AWS, doc));
    expect(code).toBe(EXIT.invalidConfig);
    expect(err).toMatch(/dalp:postgres\.backupRetentionDays/);
    expect(out).toBe("");
  });

  it("refuses a file that is not a stack export", async () => {
    const { code, err } = await cli("diff", AWS, "--state", __filename);
    expect(code).toBe(2);
    expect(err).toMatch(/cannot read .* as JSON|not a pulumi stack export/);
  });
});
