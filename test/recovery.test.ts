import { fromPlan } from "../checker/fromPlan";
import type { CheckInput } from "../checker/model";
import { policyResourcesOf } from "../checker/runner";
import { run } from "../cli/main";
import { criticalPath } from "../deploy/criticalPath";
import { createDuration, updateDuration } from "../deploy/durations";
import { deployTimes } from "../deploy/failoverUpdate";
import { CREATE_TIMES, SERVICE_TIMES } from "../facts/serviceTimes";
import type { Plan } from "../planner/model";
import { stackFilePath } from "../planner/stackFiles";
import { runbookForStack } from "../runbook/forStack";
import { stackConfig } from "../runbook/stackConfig";
import { predictRecovery } from "../recovery/predict";
import { recoverySettings } from "../recovery/settings";
import { plannedChange, referencePlan, writeStackFile, referenceDoc } from "./helpers/stacks";

const predict = (input: CheckInput) => predictRecovery(recoverySettings(policyResourcesOf(input), input.stack));
const predicted = (plan: Plan) => predict(fromPlan(plan, plan.stack));
const failure = (plan: Plan, f: string) => predicted(plan).failures.find((x) => x.failure === f) as ReturnType<typeof predictRecovery>["failures"][number];

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await run(["node", "dalp-ha", ...argv], (t) => (out += `${t}\n`), () => undefined);
  return { code, out };
}

describe("predicted recovery", () => {
  it("a one-region stack survives pod, node, zone and database failures automatically, and not the loss of its region", async () => {
    const p = predicted(await referencePlan("aws-cloud-native"));
    expect(p.failures.map((f) => [f.failure, f.survives, f.recovery])).toEqual([
      ["pod", true, "automatic"],
      ["node", true, "automatic"],
      ["zone", true, "automatic"],
      ["database", true, "automatic"],
      ["region", false, "none"],
    ]);
    // The zone is as slow as its slowest part: RDS's Multi-AZ failover, then applications reconnecting.
    expect(p.failures[1].rto).toEqual({ min: 60, max: 100 }); // the NLB's own health check outlasts the node grace period
    const zone = p.failures[2];
    expect(zone.rto?.max).toBe(SERVICE_TIMES.aws.rdsMultiAzFailover.max + 30);
    expect(zone.rpo).toEqual({ min: 0, max: 0 });
    expect(zone.findings).toEqual([]);
  });

  it.each(["aws-hot-warm", "azure-hot-warm", "gcp-hot-warm"])("%s survives the loss of its region by the manual failover, within the documented 30-180 minutes", async (stack) => {
    const region = failure(await referencePlan(stack), "region");
    expect(region).toMatchObject({ survives: true, recovery: "manual" });
    expect(region.rto?.max).toBeLessThanOrEqual(180 * 60);
    expect(region.rtoParts.map((x) => x.name)).toEqual(expect.arrayContaining([expect.stringMatching(/DalpActiveRegionUnreachable pages$/), expect.stringMatching(/promoted/), expect.stringMatching(/TTL 60 s/)]));
    expect(region.findings).toEqual([expect.stringMatching(/former primary answers again before runbook step 6/), ...(stack === "aws-hot-warm" ? [] : [expect.stringContaining("predicted RPO has no upper bound")])]);
    for (const part of [...region.rtoParts, ...region.rpoParts]) {
      expect(part.source.length).toBeGreaterThan(5);
      if (part.basis === "estimate") expect(part.estimate).toBeTruthy();
    }
  });

  it("the regional RTO moves with the TTL and the health check's interval and threshold", async () => {
    const rto = async (change: (c: Record<string, any>) => void) => failure(await plannedChange("aws-hot-warm", change), "region").rto as { min: number; max: number };
    const base = failure(await referencePlan("aws-hot-warm"), "region").rto as { min: number; max: number };
    const ttl = await rto((c) => (c["dalp:traffic"].ttlSeconds = 300));
    // Clients wait one to two TTLs.
    expect(ttl.max - base.max).toBe(2 * (300 - 60));
    expect(ttl.min - base.min).toBe(300 - 60);
    // Route 53 needs the threshold's count of passing probes to call the standby healthy: 3 x 30 s against 2 x 10 s.
    const fast = await rto((c) => (c["dalp:traffic"].healthCheck = { path: "/", intervalSeconds: 10, failureThreshold: 2 }));
    expect(base.max - fast.max).toBe(3 * 30 - 2 * 10);
  });

  it.each(["aws-hot-warm", "azure-hot-warm", "gcp-hot-warm"])("%s: DNS sends users to the standby only once it serves, after the promotion", async (stack) => {
    const plan = await referencePlan(stack);
    const standby = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.endsWith("-dalp-dalp") && !r.name.startsWith(String(plan.outputs.primaryRegion)));
    const active = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === `${plan.outputs.primaryRegion}-dalp-dalp`);
    // The warm standby runs DALP without the domain's route, so its health check fails until runbook step 4.
    expect((standby?.inputs.values as any).dapp).toMatchObject({ replicaCount: 2, ingress: { enabled: false } });
    expect((active?.inputs.values as any).dapp.ingress).toMatchObject({ enabled: true, hostname: "dalp.example.com" });
    const names = failure(plan, "region").rtoParts.map((x) => x.name);
    expect(names.findIndex((n) => n.startsWith("Health checks see the standby healthy"))).toBeGreaterThan(names.findIndex((n) => n.includes("promoted")));
    expect(failure(plan, "region").rtoParts.some((x) => x.concurrent)).toBe(false);
  });

  it("backup settings decide what a database failure without HA costs: a restore, or the data", async () => {
    const input = fromPlan(await referencePlan("aws-cloud-native"), "aws-cloud-native");
    const db = (patch: Record<string, unknown>): CheckInput => ({ ...input, resources: input.resources.map((r) => (r.type === "aws:rds/instance:Instance" ? { ...r, inputs: { ...r.inputs, ...patch }, outputs: { ...r.outputs, ...patch } } : r)) });
    const restore = predict(db({ multiAz: false })).failures.find((f) => f.failure === "database");
    expect(restore).toMatchObject({ survives: true, recovery: "manual", rpo: { min: 0, max: 300 } });
    expect(restore?.rto?.min).toBeGreaterThan(20 * 60);
    const lost = predict(db({ multiAz: false, backupRetentionPeriod: 0 })).failures.find((f) => f.failure === "database");
    expect(lost).toMatchObject({ survives: false, recovery: "none" });
  });

  it("without the stack's alerts nothing pages on the loss of the active region, and the prediction says so", async () => {
    const region = failure(await plannedChange("aws-hot-warm", (c) => (c["dalp:alerts"].enabled = false)), "region");
    expect(region.rtoParts[0]).toMatchObject({ name: "The loss is noticed and the on-call paged", seconds: { min: 300, max: 1800 } });
    expect(region.findings[0]).toMatch(/^no alert of the stack pages on the loss of the active region/);
  });

  it("bucket replication decides the regional RPO: S3 Replication Time Control bounds it at 15 minutes, the others state no bound", async () => {
    expect(failure(await referencePlan("aws-hot-warm"), "region").rpo).toEqual({ min: 0, max: 900 });
    const azure = failure(await referencePlan("azure-hot-warm"), "region");
    expect(azure.rpo?.max).toBe(Infinity);
    expect(azure.findings).toEqual(expect.arrayContaining([expect.stringContaining("predicted RPO has no upper bound")]));
  });

  it("dalp-ha check warns where a declared target is tighter than the prediction, and not where it is looser", async () => {
    const doc = referenceDoc("aws-hot-warm");
    doc.config["dalp:recoveryTargets"] = { region: { rtoMinutes: 20, rpoMinutes: 60 }, zone: { rtoMinutes: 5 } };
    const tight = JSON.parse((await cli("check", "--config", writeStackFile("aws-hot-warm", doc), "--format", "json")).out);
    const found = tight.filter((v: { policy: string }) => v.policy === "dalp-recovery-predict-within-target");
    expect(found).toEqual([expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringMatching(/dalp:recoveryTargets\.region\.rtoMinutes is 20, but the predicted RTO of a region failure is \d+ min to \d+(\.\d)? min/) })]);
    doc.config["dalp:recoveryTargets"] = { region: { rtoMinutes: 180, rpoMinutes: 15 } };
    const loose = JSON.parse((await cli("check", "--config", writeStackFile("aws-hot-warm", doc), "--format", "json")).out);
    expect(loose.filter((v: { policy: string }) => v.policy === "dalp-recovery-predict-within-target")).toEqual([]);
  });
});

describe("predicted deploy time", () => {
  it("aws-cloud-native: the path to the first workload runs cluster, node group, release; the whole path ends at DALP", async () => {
    const plan = await referencePlan("aws-cloud-native");
    const input = fromPlan(plan, plan.stack);
    const monitoring = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.endsWith("-monitoring")) as Plan["resources"][number];
    const toWorkloads = criticalPath(input, createDuration, { to: monitoring.urn });
    const types = toWorkloads.steps.map((s) => s.type);
    const at = (t: string) => types.indexOf(t);
    expect(at("aws:eks/cluster:Cluster")).toBeGreaterThanOrEqual(0);
    expect(at("aws:eks/nodeGroup:NodeGroup")).toBeGreaterThan(at("aws:eks/cluster:Cluster"));
    expect(types[types.length - 1]).toBe("kubernetes:helm.sh/v3:Release");
    const whole = criticalPath(input, createDuration);
    expect(whole.steps.map((s) => s.type)).toContain("aws:eks/cluster:Cluster");
    expect(whole.steps[whole.steps.length - 1].name).toBe("eu-central-1-dalp-dalp");
    // At least the cluster and the database one after the other.
    expect(whole.seconds.min).toBeGreaterThanOrEqual(CREATE_TIMES.aws.eksCluster.min + CREATE_TIMES.aws.rdsMultiAzInstance.min);
  });

  it.each(["aws-hot-warm", "azure-hot-warm", "gcp-hot-warm"])("%s: the failover's targeted update is led by the replica's promotion, as the runbook's targeted set says", async (stack) => {
    const plan = await referencePlan(stack);
    const times = deployTimes(fromPlan(plan, stack), stackConfig(stackFilePath(stack), stack));
    expect(times.failover?.steps[0].name).toMatch(/postgres/);
    expect(times.failover?.seconds.max).toBeLessThan(times.create.seconds.max);
    // The same walk over what the runbook's targeted update really changes (both plans, diffed): the same length.
    const runbook = (await runbookForStack({ stack })) as { targetSet: { targets: Array<{ urn: string; op: string }> } };
    const ops = new Map(runbook.targetSet.targets.filter((t) => t.op !== "same").map((t) => [t.urn, t.op]));
    expect([...ops.keys()].filter((u) => times.failover?.steps.some((s) => s.urn === u))).toEqual(times.failover?.steps.map((s) => s.urn));
    const cloud = String(plan.outputs.cloud);
    const real = criticalPath(fromPlan(plan, stack), (r) => (ops.get(r.urn) === "delete" ? { min: 0, max: 10, basis: "estimate", source: "a delete" } : updateDuration(r, cloud)), { only: new Set(ops.keys()) });
    expect(Math.abs(real.seconds.max - (times.failover?.seconds.max ?? 0))).toBeLessThanOrEqual(60);
  });
});
