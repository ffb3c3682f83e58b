import { run } from "../cli/main";
import { REBUILD_RESTORE } from "../addons/velero/rebuild";
import { runbookForStack } from "../runbook/forStack";
import type { RebuildRunbook } from "../runbook/model";
import { render } from "../runbook/render";
import { scopesOf } from "../runbook/scope";
import { referenceStacks } from "../planner/stackFiles";
import { plannedChange, referenceDoc, referencePlan, untargetedDependentDeletes, writeStackFile } from "./helpers/stacks";

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(["node", "dalp-ha", "runbook", ...args], (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const HOT_COLD = referenceStacks().filter((s) => s.endsWith("-hot-cold"));

describe.each(HOT_COLD)("%s: the rebuild runbook", (stack) => {
  let runbook: RebuildRunbook;
  beforeAll(async () => {
    runbook = (await runbookForStack({ stack })) as RebuildRunbook;
  }, 120000);

  it("rebuilds the recovery region from the home region's copies, in eight steps each with an owner, a duration, a stop and a source", () => {
    expect(runbook).toMatchObject({ kind: "rebuild", pattern: "hot-cold" });
    expect(runbook.from).not.toEqual(runbook.to);
    expect(runbook.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of runbook.steps) {
      expect(s.owner).toBeTruthy();
      expect(s.duration).toBeTruthy();
      expect(s.stop).toBeTruthy();
      expect(s.source).toMatch(/Backup and recovery/);
    }
    const evidence = new Set(runbook.steps.flatMap((s) => s.evidence.map((e) => e.item)));
    expect([...evidence].sort()).toEqual(["data-loss assessment", "incident decision", "operator actions", "reconciliation result", "replica or backup timestamp", "route switch", "validation checks"]);
  });

  it("configures the rebuild with dalp:recover, then targets only the recovery region and the global component", async () => {
    const config = runbook.steps[2].commands.map((c) => c.run).join("\n");
    expect(config).toContain(`pulumi config set --path dalp:recover.region ${runbook.to}`);
    const set = runbook.targetSet!;
    expect(set.targets.length).toBeGreaterThan(0);
    expect(set.targets.every((t) => t.steps.length === 1 && t.steps[0] === 4)).toBe(true);
    const rebuilt = await plannedChange(stack, (c) => (c["dalp:recover"] = { region: runbook.to }));
    const scopes = new Map([...scopesOf((await referencePlan(stack)).resources), ...scopesOf(rebuilt.resources)]);
    // Of the failed region only what the change drops and the engine must delete with a target, asking it nothing.
    const fromHome = set.targets.filter((t) => scopes.get(t.urn)?.kind === "stamp" && (scopes.get(t.urn) as { region: string }).region === runbook.from);
    const before = await referencePlan(stack);
    // Only GCP's transfer jobs, deleted through Storage Transfer's global API; the rest is removed from the state first.
    for (const t of fromHome) expect([t.urn, t.scope, t.op, t.type]).toEqual([t.urn, "dependent", "delete", "gcp:storage/transferJob:TransferJob"]);
    for (const urn of set.stateDeletes) expect(before.resources.find((r) => r.urn === urn)).toBeDefined();
    expect(runbook.steps[3].commands.filter((c) => c.run.startsWith("pulumi state delete")).length).toBe(set.stateDeletes.length);
    // The restored database and the namespace restore are among the targets.
    expect(set.targets.some((t) => t.urn.includes(`${runbook.to}-postgres-restored`))).toBe(true);
    expect(set.targets.some((t) => t.urn.includes(`${runbook.to}-rebuild-restore`))).toBe(true);
    // The engine refuses a targeted update that would leave a dropped dependent of a target behind.
    expect(untargetedDependentDeletes(await referencePlan(stack), rebuilt, set)).toEqual([]);
    expect(set.warnings).toEqual([]);
    const update = runbook.steps[3].commands.map((c) => c.run).join("\n");
    expect(update).toContain("pulumi up --yes");
    for (const t of set.targets) expect(update).toContain(t.urn);
  });

  it("verifies the namespace restore and the restored database before traffic is switched", () => {
    const verify = runbook.steps[4].commands.map((c) => c.run).join("\n");
    expect(verify).toContain(`restore describe ${REBUILD_RESTORE} --details`);
    expect(verify).toMatch(/get deployment,statefulset,service,secret,configmap,ingress,pvc/);
    expect(runbook.steps[5].title).toBe("Switch traffic");
    expect(runbook.steps[5].stop).toMatch(/step 5/);
  });

  it("renders as text and markdown with every step and its expected duration", () => {
    for (const format of ["text", "markdown"] as const) {
      const out = render(runbook, format);
      for (const s of runbook.steps) expect(out).toContain(s.title);
      expect(out).toContain(runbook.steps[3].duration!);
    }
  });

  it("refuses another region, and a stack already rebuilt (exit 2)", async () => {
    const other = await cli(stack, "--failover-to", runbook.from);
    expect(other.code).toBe(2);
    expect(other.err).toContain(`allowed: ${runbook.to}`);
    const doc = referenceDoc(stack);
    doc.config["dalp:recover"] = { region: runbook.to };
    const rebuilt = await cli("--config", writeStackFile(stack, doc));
    expect(rebuilt.code).toBe(2);
    expect(rebuilt.err).toMatch(/the stack is rebuilt .* no region holds only copies to rebuild/);
  });

  it("is a note in the stack outputs, since the recovery region's names exist only once it is rebuilt", async () => {
    const plan = await referencePlan(stack);
    expect((plan.outputs.runbook as { note: string }).note).toContain(`npx dalp-ha runbook --config Pulumi.${stack}.yaml`);
    const rebuilt = await plannedChange(stack, (c) => (c["dalp:recover"] = { region: runbook.to }));
    expect((rebuilt.outputs.runbook as { note: string }).note).toMatch(/rebuilt: .* its return is not described by this stack/);
  });
});
