import * as fs from "fs";
import { run } from "../cli/main";
import { architectureOf } from "../diagram/architecture";
import { toMermaid } from "../diagram/mermaid";
import { referenceStacks } from "../planner/stackFiles";
import { DIAGRAMS_FILE, diagramsDoc } from "../scripts/diagramDocs";
import { plannedChange, referenceDoc, referencePlan } from "./helpers/stacks";

const HOT_WARM = referenceStacks().filter((s) => s.endsWith("-hot-warm"));
const regionsOf = (stack: string) => (referenceDoc(stack).config["dalp:regions"] as Array<string | { name: string }>).map((r) => (typeof r === "string" ? r : r.name));
const id = (region: string, what: string) => `${region}_${what}`.replace(/[^A-Za-z0-9_]/g, "_");

describe("dalp-ha diagram", () => {
  it("docs/diagrams.md is what the reference stacks' plans draw now (regenerate with npm run docs:diagrams)", async () => {
    expect(fs.readFileSync(DIAGRAMS_FILE, "utf8")).toEqual(await diagramsDoc());
  }, 120000);

  it("draws a one-region stack as one region with its cluster and data services, and nothing crossing regions", async () => {
    const a = architectureOf(await referencePlan("aws-cloud-native"));
    expect(a.regions.map((r) => [r.region, r.role])).toEqual([["eu-central-1", "active"]]);
    expect(a.regions[0].services.map((s) => s.kind).sort()).toEqual(["bucket", "bucket", "cache", "cluster", "database"]);
    expect(a.regions[0].services.find((s) => s.kind === "database")?.label).toBe("RDS PostgreSQL, zone-redundant HA: primary");
    expect(a.links.filter((l) => l.kind !== "traffic")).toEqual([]);
  });

  describe.each(HOT_WARM)("%s", (stack) => {
    const [home, standby] = regionsOf(stack);

    it("draws the replica, the bucket replication and the failover routing from the graph", async () => {
      const a = architectureOf(await referencePlan(stack));
      expect(a.regions.map((r) => r.role)).toEqual(["active", "standby"]);
      expect(a.links).toContainEqual(expect.objectContaining({ from: id(home, "db"), to: id(standby, "db"), kind: "database-replication" }));
      expect(a.links.filter((l) => l.kind === "bucket-replication").every((l) => l.from.startsWith(id(home, "")) && l.to.startsWith(id(standby, "")))).toBe(true);
      expect(a.links.filter((l) => l.kind === "bucket-replication").length).toBeGreaterThan(0);
      expect(a.links.filter((l) => l.kind === "traffic").map((l) => [l.to, l.standby])).toEqual([
        [id(home, "cluster"), false],
        [id(standby, "cluster"), true],
      ]);
      expect(a.traffic).toMatchObject({ routing: "failover", healthChecked: true, ttlSeconds: 60 });
      const mermaid = toMermaid(a);
      expect(mermaid).toMatch(new RegExp(`${id(home, "db")} -- "asynchronous replica" --> ${id(standby, "db")}`));
      expect(mermaid).toMatch(new RegExp(`users -\\. "on failover" \\.-> ${id(standby, "cluster")}`));
    });

    it("after a failover, draws the promoted region serving and the old one isolated, with nothing replicated towards it", async () => {
      const a = architectureOf(await plannedChange(stack, (c) => (c["dalp:primaryRegion"] = standby)));
      expect(a.regions.map((r) => [r.region, r.role, r.workloads])).toEqual([
        [home, "cold", "isolated"],
        [standby, "active", "serving"],
      ]);
      expect(a.regions[0].services.find((s) => s.kind === "database")?.label).toMatch(/former primary, isolated/);
      expect(a.links.filter((l) => l.kind !== "traffic" || l.to === id(home, "cluster"))).toEqual([]);
    });
  });

  it("asks for the stack by name and exits 2 without one", async () => {
    const err: string[] = [];
    expect(await run(["node", "dalp-ha", "diagram"], () => undefined, (t) => err.push(t))).toBe(2);
    expect(err.join("\n")).toMatch(/name the stack/);
  });
});
