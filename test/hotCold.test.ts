import { fromPlan } from "../checker/fromPlan";
import { runRules } from "../checker/runner";
import { recoverIssues } from "../config/recoverChecks";
import type { RawDalpConfig } from "../config/schema";
import { diffAgainstState, stateOfPlan } from "../planner/diff";
import type { Plan } from "../planner/model";
import { referenceStacks } from "../planner/stackFiles";
import { RULES } from "../policies/rules";
import { STATEFUL } from "../policies/rules/types";
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

/** A point in time inside the window: an hour ago, to the second. */
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Types that run, and bill, by the hour: none may sit in a region that holds only copies. */
const RUNNING = /:(eks\/cluster|eks\/nodeGroup|ec2\/natGateway|rds\/instance|elasticache|containerservice:ManagedCluster|dbforpostgresql:Server|network:NatGateway|network:PrivateEndpoint|container\/cluster|container\/nodePool|sql\/databaseInstance|redis\/instance|compute\/routerNat)/i;

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

  describe.each([
    ["to the latest the copies hold", undefined],
    ["to a point in time", anHourAgo()],
  ])("rebuilt %s", (_what, pointInTime) => {
    let rebuilt: Plan;
    beforeAll(async () => {
      const result = await planChanged(stack, (c) => (c["dalp:recover"] = { region: recovery, ...(pointInTime ? { pointInTime } : {}) }));
      if (!result.ok) throw result.error;
      rebuilt = result.plan;
    });

    it("creates only in the recovery region, and replaces or deletes nothing", () => {
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
      expect(diff.changes.filter((c) => c.op === "replace" || c.op === "delete").map((c) => `${c.op} ${c.urn}`)).toEqual([]);
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
      expect(env).toMatchObject({ LOCATION: `replicated-${home}`, SOURCE_NAMESPACE: "dalp", TARGET_NAMESPACE: "dalp", POINT_IN_TIME: pointInTime ?? "" });
      const support = rebuilt.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && placeOf(rebuilt, r) === recovery && (r.inputs as any).name === "support");
      expect(support?.dependencies).toEqual(expect.arrayContaining([rebuilt.resources.find((r) => r.urn.includes("rebuild-restore") && !r.custom)!.urn]));
    });

    it("asks nothing of the failed region", () => {
      expect(callsInto(rebuilt, home)).toEqual([]);
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
    expect(await refused((c) => (c["dalp:recover"] = { region: recovery, pointInTime: "2001-01-01T00:00:00Z" }))).toMatch(/dalp:recover.pointInTime.*older than the 30-day PITR window/s);
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
      { key: "dalp:recover.pointInTime", given: '"2026-11-01T11:59:59Z"', allowed: "a time from 2026-11-01T12:00:00Z to 2026-12-01T12:00:00Z; it is older than the 30-day PITR window (dalp:postgres.backupRetentionDays)" },
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
