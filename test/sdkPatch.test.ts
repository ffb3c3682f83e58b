import * as pulumi from "@pulumi/pulumi";
// Internal to the SDK (its typings leave it out), which is why the patch is tested here.
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { planStack } from "../planner/plan";

/**
 * `patches/@pulumi+pulumi+*.patch` (applied by patch-package on npm ci) makes the SDK collapse a resource's
 * aliases to URNs when they are first read instead of in every constructor: only the SDK's `allAliases` reads
 * them, for an engine without alias specs, and the eager collapse of azure-native's per-API-version aliases
 * took most of an Azure program's run. Nothing else may change: the aliases still reach the engine as given.
 */
describe("the SDK's aliases, collapsed on first read", () => {
  it("is in place: a resource's alias URNs are a lazy property", async () => {
    let descriptor: PropertyDescriptor | undefined;
    await planStack({
      stack: "aws-cloud-native",
      program: async () => {
        const r = new pulumi.ComponentResource("dalp:test:Thing", "thing", {}, { aliases: [{ name: "old-thing" }] });
        descriptor = Object.getOwnPropertyDescriptor(r, "__aliases");
        return {};
      },
    });
    expect(typeof descriptor?.get).toBe("function");
  });

  it("yields the same URNs as before when read", async () => {
    let urns: string[] = [];
    await planStack({
      stack: "aws-cloud-native",
      program: async () => {
        const r = new pulumi.ComponentResource("dalp:test:Thing", "thing", {}, { aliases: [{ name: "old-thing" }, { type: "dalp:test:OldThing" }] });
        urns = await Promise.all((r as unknown as { __aliases: pulumi.Output<string>[] }).__aliases.map((u) => new Promise<string>((resolve) => u.apply(resolve))));
        return {};
      },
    });
    expect(urns).toEqual(["urn:pulumi:aws-cloud-native::dalp-ha::dalp:test:Thing::old-thing", "urn:pulumi:aws-cloud-native::dalp-ha::dalp:test:OldThing::thing"]);
  });

  it("tracks promises for the leak report unless the planner's CLI turns it off", () => {
    const { debuggablePromise } = debuggable as unknown as { debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T> };
    const previous = process.env.DALP_HA_PROMISE_LEAK_CHECK;
    try {
      const p = Promise.resolve(1);
      delete process.env.DALP_HA_PROMISE_LEAK_CHECK;
      expect(debuggablePromise(p, "test")).not.toBe(p);
      process.env.DALP_HA_PROMISE_LEAK_CHECK = "off";
      expect(debuggablePromise(p, "test")).toBe(p);
    } finally {
      if (previous === undefined) delete process.env.DALP_HA_PROMISE_LEAK_CHECK;
      else process.env.DALP_HA_PROMISE_LEAK_CHECK = previous;
    }
  });

  it("still sends every alias of an azure-native resource to the engine", async () => {
    const plan = await planStack({ stack: "azure-cloud-native" });
    const cluster = plan.resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
    expect(cluster.aliases.length).toBeGreaterThan(50);
  });
});
