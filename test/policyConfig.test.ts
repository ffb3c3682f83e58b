import { fromPlan } from "../checker/fromPlan";
import type { CheckInput } from "../checker/model";
import { PolicyConfigError, resolvePolicyConfig } from "../checker/policyConfig";
import { runRules } from "../checker/runner";
import { RULES } from "../policies/rules";
import { referencePlan } from "./helpers/stacks";

let base: CheckInput;
beforeAll(async () => {
  base = fromPlan(await referencePlan("aws-cloud-native"), "Pulumi.aws-cloud-native.yaml");
});

const check = async (config: Record<string, unknown>, input = base) => (await runRules(input, RULES, resolvePolicyConfig(RULES, config))).violations;

describe("policy configuration", () => {
  it("fills every threshold from the rule's schema defaults", () => {
    const resolved = resolvePolicyConfig(RULES);
    expect(resolved.get("dalp-postgres-require-pitr")).toEqual({ enforcementLevel: "mandatory", config: { minRetentionDays: 30 } });
    expect(resolved.get("dalp-cluster-spread-node-zones")?.config).toEqual({ minZones: 3 });
    expect(resolved.get("dalp-bucket-retain-noncurrent-versions")?.config).toEqual({ minNoncurrentDays: 90 });
  });

  it.each([
    ["dalp-postgres-require-pitr", { minRetentionDays: 35 }, /backupRetentionPeriod is 30; at least 35 days/],
    ["dalp-cluster-spread-node-zones", { minZones: 4 }, /guaranteed in 3 zone\(s\).*at least 4/],
    ["dalp-bucket-retain-noncurrent-versions", { minNoncurrentDays: 120 }, /after 90 days; at least 120/],
    ["dalp-app-require-replicas", { minReplicas: 3 }, /replicaCount is 2; at least 3/],
  ])("changes the verdict of %s when its threshold is raised", async (policy, settings, message) => {
    expect((await check({})).filter((v) => v.policy === policy)).toEqual([]);
    const fired = (await check({ [policy]: settings })).filter((v) => v.policy === policy);
    expect(fired.map((v) => v.message).join("\n")).toMatch(message);
  });

  it("lets dalp-backup-follow-table skip a tier the operator covers another way, and only that tier", async () => {
    const noWeekly = structuredClone(base);
    const velero = noWeekly.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && (r.inputs as { chart?: string }).chart === "velero")!;
    for (const p of [velero.inputs, velero.outputs] as any[]) delete p.values.schedules["dalp-weekly"];
    const fired = (config: Record<string, unknown>) => check(config, noWeekly).then((vs) => vs.filter((v) => v.policy === "dalp-backup-follow-table").map((v) => v.message));
    expect(await fired({})).toEqual([expect.stringMatching(/\(weekly: /)]);
    expect(await fired({ "dalp-backup-follow-table": { skipTiers: ["weekly"] } })).toEqual([]);
    expect(await fired({ "dalp-backup-follow-table": { skipTiers: ["hourly"] } })).toEqual([expect.stringMatching(/\(weekly: /)]);
  });

  it("takes an enforcement level per rule, as a string or in an object", async () => {
    const [v] = await check({ "dalp-postgres-require-pitr": { enforcementLevel: "advisory", minRetentionDays: 35 } });
    expect(v).toMatchObject({ policy: "dalp-postgres-require-pitr", enforcementLevel: "advisory", severity: "critical" });
    const broken = structuredClone(base);
    const db = broken.resources.find((r) => r.type === "aws:rds/instance:Instance")!;
    (db.inputs as any).multiAz = false;
    expect((await check({ "dalp-postgres-require-ha": "disabled" }, broken)).filter((v) => v.policy === "dalp-postgres-require-ha")).toEqual([]);
    const ha = (vs: Array<{ policy: string; enforcementLevel: string }>) => vs.filter((x) => x.policy === "dalp-postgres-require-ha").map((x) => x.enforcementLevel);
    expect(ha(await check({ all: "advisory" }, broken))).toEqual(["advisory"]);
    expect(ha(await check({ all: "advisory", "dalp-postgres-require-ha": "mandatory" }, broken))).toEqual(["mandatory"]);
  });

  it("rejects configuration the schema does not allow, naming the rule and the key", () => {
    const problems = (config: Record<string, unknown>) => {
      try {
        resolvePolicyConfig(RULES, config);
      } catch (e) {
        expect(e).toBeInstanceOf(PolicyConfigError);
        return (e as Error).message;
      }
      throw new Error("expected a PolicyConfigError");
    };
    expect(problems({ "dalp-no-such-rule": "advisory" })).toMatch(/"dalp-no-such-rule" is not a policy of this pack/);
    expect(problems({ "dalp-postgres-require-pitr": { minRetentionDays: "thirty" } })).toMatch(/dalp-postgres-require-pitr\.minRetentionDays: must be integer/);
    expect(problems({ "dalp-postgres-require-pitr": { minRetention: 3 } })).toMatch(/must NOT have additional properties \(minRetention\)/);
    expect(problems({ "dalp-postgres-require-pitr": "sometimes" })).toMatch(/enforcementLevel must be one of advisory, mandatory, remediate, disabled/);
    expect(problems({ all: "loud" })).toMatch(/"all" must be one of/);
  });
});
