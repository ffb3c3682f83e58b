import type { RegionConfig } from "../config/types";
import { checkRegionLossQuorum } from "../topology/quorum";
import { planTopology } from "../topology/topology";
import type { Stamp, Topology } from "../topology/types";
import { leftBehindZones } from "../topology/zones";

const region = (name: string, i: number): RegionConfig => ({ name, zones: { count: 3 }, cidr: `10.${40 + i}.0.0/16` });
const regions = (...names: string[]) => names.map(region);
const plan = (pattern: string, names: string[], primaryRegion = names[0]) =>
  planTopology({ pattern: pattern as never, regions: regions(...names), primaryRegion });
const stampOf = (t: Topology, r: string): Stamp => {
  const s = t.stamps.find((x) => x.region === r);
  if (!s) throw new Error(`no stamp ${r}`);
  return s;
};

/** What must not change on failover: the identity of each stamp and of its database. */
const identity = (t: Topology) => t.stamps.map((s) => ({ region: s.region, cidr: s.cidr, zones: s.zones, cluster: s.cluster }));

describe("topology", () => {
  it("cloud-native: one active region with the primary database behind a regional entry point", () => {
    const t = plan("cloud-native", ["eu-central-1"]);
    expect(t.stamps).toEqual([
      { region: "eu-central-1", role: "active", zones: { count: 3 }, cidr: "10.40.0.0/16", cluster: true, workloads: "serving", validators: "on", database: { kind: "primary" } },
    ]);
    expect(t.links).toEqual([{ kind: "traffic", routing: "regional", targets: ["eu-central-1"], healthChecked: true }]);
  });

  describe("hot-warm", () => {
    const normal = plan("hot-warm", ["eu-central-1", "eu-west-1"]);
    const failedOver = plan("hot-warm", ["eu-central-1", "eu-west-1"], "eu-west-1");

    it("keeps a warm standby with a cross-region replica and stopped validators", () => {
      expect(stampOf(normal, "eu-west-1")).toMatchObject({ role: "standby", workloads: "warm", validators: "off", database: { kind: "replica", source: "eu-central-1" } });
      expect(normal.links).toContainEqual({ kind: "database-replication", from: "eu-central-1", to: "eu-west-1", mode: "cross-region-replica" });
      expect(normal.links).toContainEqual({ kind: "bucket-replication", from: "eu-central-1", to: "eu-west-1", buckets: ["app", "backup"] });
      expect(normal.links).toContainEqual({ kind: "traffic", routing: "failover", targets: ["eu-central-1", "eu-west-1"], healthChecked: true });
    });

    it("fails over by promoting the replica and isolating the former primary, in place", () => {
      expect(stampOf(failedOver, "eu-west-1")).toMatchObject({ role: "active", workloads: "serving", validators: "on", database: { kind: "promoted", formerSource: "eu-central-1" } });
      expect(stampOf(failedOver, "eu-central-1")).toMatchObject({ role: "cold", workloads: "isolated", validators: "off", database: { kind: "former-primary" } });
      // Nothing is written towards the failed region, whose APIs the failover must not need.
      expect(failedOver.links).toEqual([{ kind: "traffic", routing: "failover", targets: ["eu-west-1"], healthChecked: true }]);
      expect(identity(failedOver)).toEqual(identity(normal));
    });

    const reseeded = (step: "release" | "recreate" | "returned") =>
      planTopology({ pattern: "hot-warm", regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-west-1", reseed: { region: "eu-central-1", step } });

    it("returns the former primary in two steps: its protections lifted, then a new replica of the active region in its place", () => {
      const released = reseeded("release");
      // The first step changes nothing but the release of the former primary: still isolated, nothing replicated.
      expect(released).toEqual({
        ...failedOver,
        stamps: failedOver.stamps.map((s) => (s.region === "eu-central-1" ? { ...s, database: { kind: "former-primary", released: true } } : s)),
      });
      const returned = reseeded("recreate");
      expect(stampOf(returned, "eu-central-1")).toMatchObject({ role: "standby", workloads: "warm", validators: "off", database: { kind: "reseeded", source: "eu-west-1" } });
      expect(stampOf(returned, "eu-west-1")).toMatchObject({ role: "active", database: { kind: "promoted", formerSource: "eu-central-1", formerSourceReseeded: true } });
      expect(returned.links).toEqual([
        { kind: "database-replication", from: "eu-west-1", to: "eu-central-1", mode: "cross-region-replica" },
        { kind: "bucket-replication", from: "eu-west-1", to: "eu-central-1", buckets: ["app", "backup"] },
        { kind: "traffic", routing: "failover", targets: ["eu-west-1", "eu-central-1"], healthChecked: true },
      ]);
      expect(identity(returned)).toEqual(identity(normal));
      // Marked done, the same stack: only a failover back reads the step.
      expect(reseeded("returned")).toEqual(returned);
    });

    it("fails over back to the returned region by promoting its re-seeded replica, leaving the other region's database as it was", () => {
      const back = planTopology({ pattern: "hot-warm", regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-central-1", reseed: { region: "eu-central-1", step: "returned" } });
      expect(stampOf(back, "eu-central-1")).toMatchObject({ role: "active", workloads: "serving", validators: "on", database: { kind: "reseeded", source: "eu-west-1", promoted: true } });
      expect(stampOf(back, "eu-west-1")).toMatchObject({ role: "cold", workloads: "isolated", validators: "off", database: stampOf(reseeded("recreate"), "eu-west-1").database });
      expect(back.links).toEqual([{ kind: "traffic", routing: "failover", targets: ["eu-central-1"], healthChecked: true }]);
    });

    it("never runs validators in two regions at once", () => {
      for (const t of [normal, failedOver, reseeded("release"), reseeded("recreate")]) expect(t.stamps.filter((s) => s.validators === "on")).toHaveLength(1);
    });
  });

  describe("hot-cold", () => {
    const normal = plan("hot-cold", ["eu-central-1", "eu-west-1"]);
    it("holds only backup copies in the recovery region", () => {
      expect(stampOf(normal, "eu-west-1")).toMatchObject({ role: "recovery", cluster: false, workloads: "none", validators: "none", database: { kind: "backup-copy", source: "eu-central-1" } });
      expect(normal.links).toContainEqual({ kind: "database-backup-copy", from: "eu-central-1", to: "eu-west-1" });
      expect(normal.links).toContainEqual({ kind: "bucket-replication", from: "eu-central-1", to: "eu-west-1", buckets: ["app", "backup"] });
    });
    it("rebuilds the recovery region from the copies with dalp:recover, to a point in time when one is given", () => {
      const t = planTopology({ pattern: "hot-cold", regions: ["eu-central-1", "eu-west-1"].map((name) => ({ name, zones: { count: 3 }, cidr: "" })), primaryRegion: "eu-west-1", recover: { region: "eu-west-1", pointInTime: "2026-11-30T14:05:00Z" } });
      expect(stampOf(t, "eu-west-1")).toMatchObject({ role: "active", cluster: true, database: { kind: "restored", source: "eu-central-1", pointInTime: "2026-11-30T14:05:00Z" } });
      expect(stampOf(t, "eu-central-1")).toMatchObject({ role: "cold", workloads: "isolated" });
      expect(t.links).toEqual([{ kind: "traffic", routing: "regional", targets: ["eu-west-1"], healthChecked: true }]);
    });
    it("is not moved by primaryRegion alone: there is nothing in the recovery region to promote", () => {
      expect(plan("hot-cold", ["eu-central-1", "eu-west-1"], "eu-west-1").stamps.map((s) => s.role)).toEqual(["active", "recovery"]);
    });
  });

  describe("hot-hot-public", () => {
    it("runs two active clusters without validators, latency-routed, with a replica to promote", () => {
      const t = plan("hot-hot-public", ["us-east-1", "us-west-2"]);
      expect(t.stamps.map((s) => [s.role, s.validators])).toEqual([["active", "none"], ["active", "none"]]);
      expect(stampOf(t, "us-west-2").database).toEqual({ kind: "replica", source: "us-east-1" });
      expect(t.links).toContainEqual({ kind: "traffic", routing: "latency", targets: ["us-east-1", "us-west-2"], healthChecked: true });
    });
    it("promotes the replica and drains the former primary region on failover", () => {
      const t = plan("hot-hot-public", ["us-east-1", "us-west-2"], "us-west-2");
      expect(stampOf(t, "us-west-2")).toMatchObject({ role: "active", database: { kind: "promoted", formerSource: "us-east-1" } });
      expect(stampOf(t, "us-east-1")).toMatchObject({ role: "cold", workloads: "isolated" });
      expect(t.links).toContainEqual({ kind: "traffic", routing: "latency", targets: ["us-west-2"], healthChecked: true });
    });
  });

  describe("hot-hot-consortium", () => {
    const names = ["eu-central-1", "eu-west-1", "eu-north-1", "eu-south-1"];
    it("keeps every region active with validators and one writable database cluster", () => {
      const t = plan("hot-hot-consortium", names);
      expect(t.stamps.every((s) => s.role === "active" && s.validators === "on")).toBe(true);
      expect(t.stamps.every((s) => s.database.kind === "distributed" && s.database.primary === "eu-central-1")).toBe(true);
      expect(t.links.filter((l) => l.kind === "database-replication").map((l) => (l.kind === "database-replication" ? l.to : ""))).toEqual(names.slice(1));
    });
    it("moves the writable cluster on failover without changing any stamp's identity", () => {
      const before = plan("hot-hot-consortium", names);
      const after = plan("hot-hot-consortium", names, "eu-north-1");
      expect(after.stamps.every((s) => s.database.kind === "distributed" && s.database.primary === "eu-north-1")).toBe(true);
      expect(after.links.filter((l) => l.kind === "database-replication").every((l) => l.kind === "database-replication" && l.from === "eu-north-1")).toBe(true);
      expect(identity(after)).toEqual(identity(before));
    });
  });

  it("is pure: the same input gives the same topology and the input is left as it was", () => {
    const input = { pattern: "hot-warm" as const, regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-central-1" };
    const frozen = JSON.stringify(input);
    expect(planTopology(input)).toEqual(planTopology(input));
    expect(JSON.stringify(input)).toBe(frozen);
  });
});

describe("BFT quorum across regions", () => {
  it("survives the loss of any one of four regions with one validator each (n = 4, f = 1)", () => {
    const q = checkRegionLossQuorum({ a: 1, b: 1, c: 1, d: 1 });
    expect(q).toMatchObject({ n: 4, f: 1, survivesAnyRegionLoss: true });
  });
  it("fails when one region holds more than f validators", () => {
    const q = checkRegionLossQuorum({ a: 2, b: 1, c: 1, d: 1 });
    expect(q).toMatchObject({ n: 5, f: 1, survivesAnyRegionLoss: false });
    expect(q.regions.find((r) => r.region === "a")).toEqual({ region: "a", validators: 2, survives: false });
  });
  it("cannot survive a region loss with three regions, whatever the split", () => {
    for (const split of [{ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }, { a: 3, b: 3, c: 4 }]) {
      expect(checkRegionLossQuorum(split).survivesAnyRegionLoss).toBe(false);
    }
  });
  it("treats an empty validator set as not surviving", () => {
    expect(checkRegionLossQuorum({}).survivesAnyRegionLoss).toBe(false);
  });
});

describe("the zones of a region a failover left behind", () => {
  const named = { name: "eu-central-1", zones: { names: ["eu-central-1a", "eu-central-1b"] }, cidr: "10.40.0.0/16" };
  const other = { name: "eu-west-1", zones: { count: 3 }, cidr: "10.41.0.0/16" };
  const topology = (primaryRegion: string) => planTopology({ pattern: "hot-warm", regions: [named, other], primaryRegion });

  it("come from the stack file once the region is left behind, and from the cloud otherwise", () => {
    expect(leftBehindZones(named, topology("eu-west-1"))).toEqual(["eu-central-1a", "eu-central-1b"]);
    expect(leftBehindZones(named, topology("eu-central-1"))).toBeUndefined();
    expect(leftBehindZones(other, topology("eu-west-1"))).toBeUndefined();
  });

  it("are a program fault for a region the topology lacks", () => {
    expect(() => leftBehindZones({ ...other, name: "us-east-1" }, topology("eu-west-1"))).toThrow("region us-east-1 has no stamp in the topology");
  });
});
