import { inDatabaseOrder } from "../patterns/databaseOrder";
import { planTopology } from "../topology/topology";
import type { Stamp, Topology } from "../topology/types";

const regions = (...names: string[]) => names.map((name, i) => ({ name, zones: { count: 3 }, cidr: `10.${40 + i}.0.0/16` }));
const order = (t: Topology) => inDatabaseOrder(t).map((s) => s.region);

describe("stamps built in database order", () => {
  it("builds a replica's source first, whatever order the topology lists them in", () => {
    const t = planTopology({ pattern: "hot-warm", regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-central-1" });
    const reversed = { ...t, stamps: [...t.stamps].reverse() };
    expect(order(reversed)).toEqual(["eu-central-1", "eu-west-1"]);
    expect(order(t)).toEqual(["eu-central-1", "eu-west-1"]);
  });

  it("builds a promoted database after the one it was promoted from", () => {
    const t = planTopology({ pattern: "hot-warm", regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-west-1" });
    expect(order({ ...t, stamps: [...t.stamps].reverse() })).toEqual(["eu-central-1", "eu-west-1"]);
  });

  it("builds the re-seeded former primary after the region it now replicates, which follows nothing any more", () => {
    const t = planTopology({ pattern: "hot-warm", regions: regions("eu-central-1", "eu-west-1"), primaryRegion: "eu-west-1", reseed: { region: "eu-central-1", step: "recreate" } });
    expect(order(t)).toEqual(["eu-west-1", "eu-central-1"]);
  });

  it("refuses sources that form a cycle, naming it", () => {
    const stamp = (region: string, source: string): Stamp => ({ region, role: "standby", zones: { count: 3 }, cidr: "", cluster: true, workloads: "warm", validators: "off", database: { kind: "replica", source } });
    const t: Topology = { pattern: "hot-warm", primaryRegion: "a", homeRegion: "a", stamps: [stamp("a", "b"), stamp("b", "a")], links: [] };
    expect(() => inDatabaseOrder(t)).toThrow("database sources form a cycle: a -> b -> a");
  });
});
