import { run } from "../cli/main";
import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { RULES } from "../policies/rules";
import { DRILL_EVIDENCE } from "../facts/drills";
import { utcSecond } from "../lib/utcSecond";
import { planChanged, plannedChange, referenceDoc, referencePlan, writeStackFile } from "./helpers/stacks";

/**
 * The restore drill on every reference stack, whatever the pattern: turning it on creates only the drill's
 * resources (below the `dalp:pattern:Drill` component), turning it off deletes exactly them, and production is
 * neither replaced nor touched. Each cloud's own drill test proves what its drill database, cache and identity are.
 */
const STACKS = referenceStacks();
const DRILL = "dalp:pattern:Drill";
const GLOBAL = "dalp:pattern:Global";
const inDrill = (urn: string) => (urn.split("::")[2] ?? "").split("$").includes(DRILL);
const isGlobal = (urn: string) => urn.split("::")[2] === GLOBAL;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["node", "dalp-ha", ...args], (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(STACKS)("%s with the restore drill", (stack) => {
  let off: Plan;
  let on: Plan;
  beforeAll(async () => {
    off = await referencePlan(stack);
    on = await plannedChange(stack, (c) => (c["dalp:drill"] = { enabled: true }));
  }, 120000);

  it("on: creates only the drill's resources, and changes nothing of production but the record of the drill", () => {
    const diff = diffAgainstState(on, stateOfPlan(off));
    const created = diff.changes.filter((c) => c.op === "create");
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((c) => !inDrill(c.urn)).map((c) => c.urn)).toEqual([]);
    expect(diff.changes.filter((c) => c.op !== "create" && c.op !== "same" && !isGlobal(c.urn)).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("off again: deletes exactly the drill's resources", () => {
    const diff = diffAgainstState(off, stateOfPlan(on));
    const deleted = diff.changes.filter((c) => c.op === "delete").map((c) => c.urn);
    const drillUrns = on.resources.filter((r) => inDrill(r.urn)).map((r) => r.urn);
    expect(deleted.sort()).toEqual(drillUrns.sort());
    expect(diff.changes.filter((c) => c.op !== "delete" && c.op !== "same" && !isGlobal(c.urn)).map((c) => `${c.op} ${c.urn}`)).toEqual([]);
    expect(diff.blocked).toEqual([]);
  });

  it("restores into its own namespace, from the region's own backups, and says so in the outputs", () => {
    const drill = on.outputs.drill as { running: boolean; region: string; namespace: string; restore: string; pointInTime: string };
    // Each drill restores under a name of its own: Velero keeps the last drill's Restore after it is turned off.
    expect(drill).toMatchObject({ running: true, namespace: "dalp-drill", restore: expect.stringMatching(/^dalp-drill-[0-9a-f]{6}$/), pointInTime: "latest restorable" });
    expect(drill.region).toBe(on.outputs.primaryRegion);
    expect(off.outputs.drill).toEqual({ running: false });
    const job = on.resources.find((r) => r.type === "kubernetes:batch/v1:Job" && inDrill(r.urn));
    const env = Object.fromEntries(((job?.inputs as any).spec.template.spec.containers[0].env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ LOCATION: "default", SOURCE_NAMESPACE: "dalp", TARGET_NAMESPACE: "dalp-drill", EXCLUDED: "prometheusrules.monitoring.coreos.com,ingresses.networking.k8s.io", RESOURCE_MODIFIER: "dalp-drill-restore-modifiers" });
    // Helm's ownership annotation follows the objects into the drill's namespace, and the claims take a class that
    // deletes their volumes with them.
    const modifiers = JSON.parse((on.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && inDrill(r.urn))!.inputs as any).data["modifiers.yaml"]);
    expect(modifiers.resourceModifierRules).toEqual([
      { conditions: { groupResource: "**", matches: [{ path: "/metadata/annotations/meta.helm.sh~1release-namespace", value: "dalp" }] }, patches: [{ operation: "replace", path: "/metadata/annotations/meta.helm.sh~1release-namespace", value: "dalp-drill" }] },
      { conditions: { groupResource: "persistentvolumeclaims" }, patches: [{ operation: "add", path: "/spec/storageClassName", value: "dalp-drill" }] },
    ]);
    const drillClass = on.resources.find((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass" && inDrill(r.urn))!.inputs as any;
    expect(drillClass).toMatchObject({ metadata: { name: "dalp-drill" }, reclaimPolicy: "Delete" });
    // The drill runs the dalp chart alone, warm: no support chart (its ingress controller), no route.
    const releases = on.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && inDrill(r.urn)).map((r) => (r.inputs as { name?: string }).name);
    expect(releases).toEqual(["dalp"]);
  });

  it("is a stack the policy pack finds nothing mandatory wrong with, and the drill rule is satisfied", async () => {
    const result = await runRules(fromPlan(on, stack), RULES);
    expect(result.violations.filter((v) => v.enforcementLevel === "mandatory" || v.policy === "dalp-backup-drill-restores").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
  });
});

describe("dalp-ha drill-record", () => {
  const stack = "aws-cloud-native";
  let file: string;
  beforeAll(() => {
    const doc = referenceDoc(stack);
    doc.config["dalp:drill"] = { enabled: true, pointInTime: utcSecond(Date.now() - 86_400_000) };
    file = writeStackFile(stack, doc);
  });

  it("writes the evidence form: every item of the page, the values the stack knows, the commands for the rest", async () => {
    const md = await cli("drill-record", "--config", file);
    expect(md.code).toBe(0);
    for (const e of DRILL_EVIDENCE) expect(md.out.toLowerCase()).toContain(`. ${e.item.toLowerCase()}`);
    expect(md.out).toMatch(/restore describe \$\(pulumi stack output drill --json --stack aws-cloud-native \| jq -r '\.restore'\) --details/);
    expect(md.out).toContain("aws s3api list-object-versions");
    expect(md.out).toContain("pg_control_checkpoint()");
    const json = JSON.parse((await cli("drill-record", "--config", file, "--format", "json")).out);
    expect(json).toMatchObject({ stack, namespace: "dalp-drill", region: "eu-central-1" });
    expect(json.entries.map((e: { item: string }) => e.item)).toEqual(DRILL_EVIDENCE.map((e) => e.item));
    expect(json.entries.find((e: { item: string }) => e.item === "restore target timestamp").known[0].value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(json.target.source).toBeTruthy();
  }, 60000);

  it("refuses a stack that runs no drill, naming the key (exit 2), and a bad format", async () => {
    const none = await cli("drill-record", stack);
    expect(none.code).toBe(2);
    expect(none.err).toContain("set dalp:drill.enabled to true");
    const bad = await cli("drill-record", stack, "--format", "pdf");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--format must be one of markdown, json");
  }, 60000);
});

describe("dalp:drill, refused", () => {
  const refused = async (drill: Record<string, unknown>, more: (c: Record<string, unknown>) => void = () => {}) => {
    const result = await planChanged("aws-cloud-native", (c) => {
      c["dalp:drill"] = drill;
      more(c);
    });
    if (result.ok) throw new Error("planned");
    return (result.error as Error).message;
  };

  it("names the key and what it takes", async () => {
    expect(await refused({ enabled: true, namespace: "dalp" })).toMatch(/dalp:drill.namespace.*a namespace of the drill's own/s);
    expect(await refused({ enabled: true, pointInTime: "2001-01-01T00:00:00Z" })).toMatch(/dalp:drill.pointInTime.*older than the 30-day PITR window/s);
    expect(await refused({ enabled: true, lastRun: "last week" })).toMatch(/dalp:drill.lastRun.*a date, such as 2026-11-30/s);
    expect(await refused({ enabled: true }, (c) => (c["dalp:backup"] = { enabled: false }))).toMatch(/dalp:drill.enabled.*dalp:backup.enabled is false/s);
  });
});
