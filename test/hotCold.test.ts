import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { recoverIssues } from "../config/recoverChecks";
import type { RawDalpConfig } from "../config/schema";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { RULES } from "../policies/rules";
import { STATEFUL } from "../policies/rules/types";
import { anHourAgo } from "./helpers/drill";
import { callsInto, placeOf, planChanged, referenceDoc, referencePlan } from "./helpers/stacks";

/**
 * What every hot-cold reference stack must hold, whatever the cloud. Normal running: the recovery region keeps
 * only copies, nothing that runs. The rebuild (`dalp:recover`): a configuration change that creates the
 * recovery region's stamp from the copies, with the database restored as a new resource, and that replaces,
 * deletes and creates nothing outside that region. Each cloud's own test file proves what its copies and its
 * restore are.
 */
const HOT_COLD = referenceStacks().filter((s) => s.endsWith("-hot-cold"));

function regionsOf(stack: string): string[] {
  if (!HOT_COLD.includes(stack)) return [];
  return (referenceDoc(stack).config["dalp:regions"] as Array<string | { name: string }>).map((r) => (typeof r === "string" ? r : r.name));
}


/** The clouds whose copies restore to a chosen moment (docs/<cloud>.md, Hot-cold). */
const POINT_IN_TIME_CLOUDS = ["aws"];

/** Types that run, and bill, by the hour: none may sit in a region that holds only copies. */
const RUNNING = /:(eks\/cluster|eks\/nodeGroup|ec2\/natGateway|rds\/instance:|elasticache|containerservice:ManagedCluster|dbforpostgresql:Server|network:NatGateway|network:PrivateEndpoint|container\/cluster|container\/nodePool|sql\/databaseInstance|redis\/instance|compute\/routerNat)/i;

// Until a cloud has its hot-cold stack there is nothing to plan; the configuration tests below run regardless.
(HOT_COLD.length > 0 ? describe.each(HOT_COLD) : describe.skip.each(["none-hot-cold"]))("%s", (stack) => {
  const [home, recovery] = regionsOf(stack);
  let normal: Plan;
  beforeAll(async () => {
    normal = await referencePlan(stack);
  });

  it("keeps only copies in the recovery region: no cluster, no network that bills, no database server, no workload", () => {
    const there = normal.resources.filter((r) => r.custom && placeOf(normal, r) === recovery);
    expect(there.length).toBeGreaterThan(0);
    expect(there.filter((r) => RUNNING.test(r.type) || r.type.startsWith("kubernetes:")).map((r) => r.type)).toEqual([]);
    expect(normal.outputs.regions).toMatchObject({ [recovery]: { role: "recovery", database: { kind: "backup-copy", source: home } } });
  });

  it("is a stack the policy pack finds nothing mandatory wrong with", async () => {
    const result = await runRules(fromPlan(normal, stack), RULES);
    expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
  });

    const cloud = stack.split("-")[0];
  const retentionDays = ((referenceDoc(stack).config["dalp:postgres"] ?? {}) as { backupRetentionDays?: number }).backupRetentionDays ?? 30;

  describe.each([
    ["to the latest the copies hold", undefined],
    // Only RDS restores a point in time from the copies; Azure geo-restores and Cloud SQL backup restores take
    // the latest (their refusals are tested below).
    ...(POINT_IN_TIME_CLOUDS.includes(cloud) ? [["to a point in time", anHourAgo()] as [string, string]] : []),
  ])("rebuilt %s", (_what, pointInTime) => {
    let rebuilt: Plan;
    beforeAll(async () => {
      const result = await planChanged(stack, (c) => (c["dalp:recover"] = { region: recovery, ...(pointInTime ? { pointInTime } : {}) }));
      if (!result.ok) throw result.error;
      rebuilt = result.plan;
    });

    it("creates only in the recovery region, replaces nothing, and deletes only what isolating the failed region drops", () => {
      const diff = diffAgainstState(rebuilt, stateOfPlan(normal));
      const created = diff.changes.filter((c) => c.op === "create");
      expect(created.length).toBeGreaterThan(0);
      const byUrn = new Map(rebuilt.resources.map((r) => [r.urn, r]));
      const outside = created.filter((c) => {
        const r = byUrn.get(c.urn);
        const place = r ? placeOf(rebuilt, r) : undefined;
        // Providers are declared at the root; a new one may only be the recovery region's.
        return place !== recovery && !(r && !r.custom) && !(r?.type.startsWith("pulumi:providers:") && r.urn.includes(recovery));
      });
      expect(outside.map((c) => `${c.op} ${c.urn}`)).toEqual([]);
      expect(diff.changes.filter((c) => c.op === "replace").map((c) => `${c.op} ${c.urn}`)).toEqual([]);
      // The failed region is isolated as a hot-warm failover leaves it: no replication out of it, no budgets for
      // workloads scaled to zero; those changes wait for its return (the rebuild's update targets the recovery
      // region). Replication into the recovery region goes too, where its removal needs only that region (Azure:
      // the destination's half of the policy, which keeps its containers read-only). Nothing stateful goes.
      const before = new Map(normal.resources.map((r) => [r.urn, r]));
      const deleted = diff.changes.filter((c) => c.op === "delete").map((c) => before.get(c.urn)!);
      expect(deleted.filter((r) => STATEFUL.includes(r.type as (typeof STATEFUL)[number]) || r.protect).map((r) => r.urn)).toEqual([]);
      expect(diff.blocked).toEqual([]);
    });

    it("keeps every stateful resource of both regions under its URN, and restores the database as a new one", () => {
      const stateful = normal.resources.filter((r) => STATEFUL.includes(r.type as (typeof STATEFUL)[number]) || r.protect).map((r) => r.urn);
      const kept = new Set(rebuilt.resources.map((r) => r.urn));
      expect(stateful.filter((urn) => !kept.has(urn))).toEqual([]);
      const restored = rebuilt.resources.filter((r) => r.urn.includes(`${recovery}-postgres-restored`));
      expect(restored.length).toBeGreaterThan(0);
      expect(rebuilt.outputs.regions).toMatchObject({ [recovery]: { role: "active", database: { kind: "restored", source: home, ...(pointInTime ? { pointInTime } : {}) } } });
    });

    it("restores the DALP namespace from the replicated backups before the charts, no later than the point in time", () => {
      const job = rebuilt.resources.find((r) => r.type === "kubernetes:batch/v1:Job" && placeOf(rebuilt, r) === recovery);
      const env = Object.fromEntries(((job?.inputs as any).spec.template.spec.containers[0].env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
      // Without a point in time: nothing newer than the backup Cloud SQL restored (GCP), or than an hour ago, so
      // the backup's volume data has replicated and the database restored to the latest holds what it references.
      expect(env).toMatchObject({ LOCATION: `replicated-${home}`, SOURCE_NAMESPACE: "dalp", TARGET_NAMESPACE: "dalp", POINT_IN_TIME: pointInTime ?? expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) });
      if (!pointInTime && cloud !== "gcp") expect(Math.abs(Date.now() - 3600_000 - Date.parse(env.POINT_IN_TIME))).toBeLessThan(5 * 60_000);
      const support = rebuilt.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && placeOf(rebuilt, r) === recovery && (r.inputs as any).name === "support");
      expect(support?.dependencies).toContain(job!.urn);
    });

    it("asks nothing of the failed region", () => {
      // Cloud SQL's Admin API is global: the lookup of the failed instance's backups names it, through the
      // recovery region's provider, and asks nothing of its region.
      const global = (call: string) => call.startsWith("gcp:sql/");
      expect(callsInto(rebuilt, home).filter((c) => !global(c))).toEqual([]);
    });

    it("is a stack the policy pack finds nothing wrong with", async () => {
      const result = await runRules(fromPlan(rebuilt, stack), RULES);
      expect(result.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    });
  });

  it("refuses a rebuild of the home region, a point in time outside the window, and primaryRegion as the switch", async () => {
    const refused = async (change: (c: Record<string, unknown>) => void) => {
      const result = await planChanged(stack, change);
      if (result.ok) throw new Error("planned");
      return (result.error as Error).message;
    };
    expect(await refused((c) => (c["dalp:recover"] = { region: home }))).toMatch(new RegExp(`dalp:recover.region.*${recovery}: the recovery region`, "s"));
    const outside = await refused((c) => (c["dalp:recover"] = { region: recovery, pointInTime: "2001-01-01T00:00:00Z" }));
    expect(outside).toMatch(new RegExp(`dalp:recover.pointInTime.*older than the ${retentionDays}-day PITR window`, "s"));
    if (!POINT_IN_TIME_CLOUDS.includes(cloud)) expect(await refused((c) => (c["dalp:recover"] = { region: recovery, pointInTime: anHourAgo() }))).toMatch(new RegExp(`dalp:recover.pointInTime.*not set on ${cloud}`, "s"));
    expect(await refused((c) => (c["dalp:recover"] = { region: recovery, pointInTime: "yesterday" }))).toMatch(/dalp:recover.pointInTime.*a UTC time to the second/s);
    expect(await refused((c) => (c["dalp:primaryRegion"] = recovery))).toMatch(/dalp:primaryRegion.*rebuild it from its copies with dalp:recover/s);
  });
});

describe("dalp:recover, from configuration alone", () => {
  const base = { cloud: "aws", pattern: "hot-cold", regions: ["eu-central-1", "eu-west-1"], postgres: { backupRetentionDays: 30 }, backup: { enabled: true } } as unknown as RawDalpConfig;
  const now = Date.parse("2026-12-01T12:00:00Z");
  const at = (recover: unknown, over: Record<string, unknown> = {}) => recoverIssues({ ...base, recover, ...over } as RawDalpConfig, now);

  it("takes a point in time inside the window, names the window otherwise", () => {
    expect(at({ region: "eu-west-1", pointInTime: "2026-11-30T14:05:00Z" })).toEqual([]);
    expect(at({ region: "eu-west-1", pointInTime: "2026-11-01T11:59:59Z" })).toEqual([
      { key: "dalp:recover.pointInTime", given: '"2026-11-01T11:59:59Z"', allowed: "a time from 2026-11-01T12:00:00Z to 2026-12-01T12:00:00Z; it is older than the 30-day PITR window (dalp:postgres.backupRetentionDays); once the database is restored the key may be removed, it is read only when the database is created" },
    ]);
    expect(at({ region: "eu-west-1", pointInTime: "2026-12-01T12:00:01Z" })[0].allowed).toMatch(/in the future/);
  });

  it("is hot-cold's, needs Velero's backups, and leaves primaryRegion alone or equal to the recovery region", () => {
    expect(at({ region: "eu-west-1" }, { pattern: "hot-warm" })[0]).toMatchObject({ key: "dalp:recover", allowed: expect.stringMatching(/hot-warm fails over with dalp:primaryRegion/) });
    expect(at({ region: "eu-west-1" }, { backup: { enabled: false } })[0]).toMatchObject({ key: "dalp:backup.enabled" });
    expect(at({ region: "eu-west-1" }, { primaryRegion: "eu-west-1" })).toEqual([]);
    expect(at({ region: "eu-west-1" }, { primaryRegion: "eu-central-1" })[0]).toMatchObject({ key: "dalp:primaryRegion", allowed: expect.stringMatching(/dalp:recover makes eu-west-1 the active region/) });
  });
});
