import { dalpValues, supportValues } from "../addons/dalp/values";
import { alertRules } from "../addons/monitoring/alertRules";
import { mergeValues } from "../addons/shared/helmValues";
import { backupSchedules, veleroTtl } from "../addons/velero/schedule";
import { credentialPaths } from "../facts/credentials";
import { isCron, maxCronGapMinutes } from "../lib/cron";
import { DalpConfigSchema } from "../config/schema";
import { planSubnets } from "../components/aws/subnetPlan";
import { awsIdentifier } from "../stacks/aws/names";

const charts = { repository: "oci://r.example.com/dalp", dalpVersion: "1", supportVersion: "1", namespace: "dalp", domain: "dalp.example.com", values: {}, supportValues: {} };

describe("Helm values merging", () => {
  it("merges maps, replaces lists and scalars, and deletes on null like Helm", () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: true } }, keep: "x" };
    expect(mergeValues(base, { a: { b: 2, c: [3], d: null } })).toEqual({ a: { b: 2, c: [3] }, keep: "x" });
    expect(base.a.b).toBe(1);
  });

  it("lets the overlay from config win over generated DALP values", () => {
    const values = dalpValues({ charts: { ...charts, values: { dapp: { replicaCount: 3, extra: true } } } }, undefined);
    expect(values.dapp).toMatchObject({ replicaCount: 3, podAntiAffinityPreset: "soft", extra: true });
    expect((values.global as any).imagePullSecrets).toEqual([]);
  });

  it("keeps the bundled stateful services off unless the overlay says otherwise", () => {
    expect(supportValues({ charts }, { a: "b" })).toMatchObject({ postgresql: { enabled: false }, "ingress-nginx": { controller: { service: { annotations: { a: "b" } } } } });
  });
});

describe("credential detection", () => {
  it("finds credential keys at any depth, including in lists", () => {
    expect(credentialPaths({ a: { password: "x" }, list: [{ apiKey: "k" }], existingSecret: "name", token: "" })).toEqual([["a", "password"], ["list", "0", "apiKey"]]);
  });
});

describe("backup schedule", () => {
  it("turns retention hours into a Velero TTL", () => {
    expect(veleroTtl(720)).toBe("720h0m0s");
    expect(veleroTtl(48)).toBe("48h0m0s");
  });

  it("backs up the configured namespace on every tier", () => {
    const backup = DalpConfigSchema.shape.backup.parse({ weekly: { schedule: "0 3 * * 0", retention: "35d" } });
    const schedules = backupSchedules({ backup, charts: { ...charts, namespace: "dalp-prod" }, alerts: { enabled: true } });
    expect(schedules["dalp-weekly"]).toMatchObject({ schedule: "0 3 * * 0", template: { ttl: "840h0m0s", includedNamespaces: ["dalp-prod"] } });
    expect(Object.keys(schedules)).toEqual(["dalp-hourly", "dalp-daily", "dalp-weekly", "dalp-support", "dalp-observability"]);
  });

  it.each([
    ["0 2 * * *", 1440],
    ["0 */4 * * *", 240],
    ["30 1 * * 1", 10080],
    ["0 2,14 * * 1-5", 3600],
    ["@every 6h", 360],
    ["@daily", 1440],
  ])("knows the longest gap of %s (%i minutes)", (cron, gap) => {
    expect(maxCronGapMinutes(cron)).toBe(gap);
  });

  it.each(["0 2 * * *", "*/15 0-6 1,15 * 1-5", "@every 1h30m", "@weekly"])("accepts the cron %s", (cron) => expect(isCron(cron)).toBe(true));
  it.each(["0 2 * *", "60 2 * * *", "0 24 * * *", "0 2 32 * *", "a b c d e", "*/0 * * * *"])("rejects the cron %s", (cron) => expect(isCron(cron)).toBe(false));
});

describe("alert rules", () => {
  it("scope every DALP rule to the configured namespace", () => {
    const rules = alertRules({ charts: { ...charts, namespace: "dalp-prod" }, backup: DalpConfigSchema.shape.backup.parse({}), alerts: { enabled: true } });
    // Node disks, Velero's schedule and its storage location are cluster-wide, not in the DALP namespace.
    const clusterWide = ["DalpNodeDiskUsageHigh", "DalpObjectStorageUnavailable", "DalpBackupFailed", "DalpBackupMissing"];
    for (const r of rules.filter((x) => !clusterWide.includes(x.alert))) expect(r.expr).toContain('namespace="dalp-prod"');
  });

  it("size the missing-backup window to the schedule", () => {
    const rules = alertRules({ charts, backup: DalpConfigSchema.shape.backup.parse({ daily: { schedule: "0 */6 * * *" } }), alerts: { enabled: true } });
    expect(rules.find((r) => r.alert === "DalpBackupMissing" && r.expr.includes('"dalp-daily"'))?.expr).toContain(`> ${(360 + 120) * 60}`);
  });
});

describe("AWS subnet plan and names", () => {
  it("cuts a /16 into non-overlapping private, public and data subnets per zone", () => {
    const plan = planSubnets("10.40.0.0/16", ["a", "b", "c", "d", "e", "f"]);
    const all = plan.flatMap((p) => [p.private, p.public, p.data]);
    expect(new Set(all).size).toBe(18);
    const range = (cidr: string) => {
      const [ip, bits] = cidr.split("/");
      const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
      return [n, n + 2 ** (32 - Number(bits)) - 1];
    };
    const ranges = all.map(range).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    expect(plan[0]).toEqual({ zone: "a", private: "10.40.0.0/19", public: "10.40.192.0/24", data: "10.40.200.0/24" });
  });

  it("refuses more than six zones and networks that are not a /16", () => {
    expect(() => planSubnets("10.40.0.0/16", ["a", "b", "c", "d", "e", "f", "g"])).toThrow(/at most 6 zones/);
    expect(() => planSubnets("10.40.0.0/20", ["a"])).toThrow(/expected a \/16/);
  });

  it("makes identifiers AWS accepts from any stack name", () => {
    expect(awsIdentifier("dalp", "Prod_EU--1", "eu-central-1", "postgres-final")).toBe("dalp-prod-eu-1-eu-central-1-postgres-final");
    expect(awsIdentifier("9lives")).toBe("lives");
    expect(awsIdentifier("x".repeat(80)).length).toBe(63);
  });
});
