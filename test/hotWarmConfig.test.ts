import { referenceStacks } from "../planner/stackFiles";
import { planChanged, referenceDoc } from "./helpers/stacks";

/**
 * A hot-warm stack file that cannot be built is refused before anything is declared, each problem naming the
 * key to change, on every cloud.
 */
const HOT_WARM = referenceStacks().filter((s) => s.endsWith("-hot-warm"));

/** A region of another cloud, to put where this cloud's region belongs. */
const FOREIGN: Record<string, string> = { aws: "westeurope", azure: "europe-west1", gcp: "eu-central-1" };

type Regions = Array<{ name: string; zones: unknown; cidr: string }>;

describe.each(HOT_WARM)("%s refuses", (stack) => {
  const cloud = stack.split("-")[0];
  const regions = () => structuredClone(referenceDoc(stack).config["dalp:regions"]) as Regions;
  const [home, standby] = regions();

  async function refusal(change: (c: Record<string, unknown>) => void): Promise<string> {
    const result = await planChanged(stack, change);
    if (result.ok) throw new Error("the configuration was accepted");
    expect(result.declared).toEqual([]);
    return (result.error as Error).message;
  }

  it.each<[string, (c: Record<string, unknown>) => void, RegExp]>([
    ["one region", (c) => (c["dalp:regions"] = [home]), /dalp:regions: got .*; expected exactly 2 region\(s\) for pattern hot-warm/],
    ["three regions", (c) => (c["dalp:regions"] = [home, standby, { ...standby, name: `${standby.name}x`, cidr: "10.42.0.0/16" }]), /dalp:regions: got .*; expected exactly 2 region\(s\) for pattern hot-warm/],
    ["the same region twice", (c) => (c["dalp:regions"] = [home, { ...home, cidr: "10.41.0.0/16" }]), /dalp:regions\[1\]: got .*; expected a region not already listed/],
    ["a primary region that is not one of them", (c) => (c["dalp:primaryRegion"] = "mars-north-1"), /dalp:primaryRegion: got "mars-north-1"; expected one of the configured regions/],
    ["a region of another cloud", (c) => (c["dalp:regions"] = [home, { ...standby, name: FOREIGN[cloud], zones: 3 }]), /dalp:regions\[1\](\.name)?: got "[a-z0-9-]+"; expected/],
    ["no DNS zone for the failover", (c) => delete (c["dalp:traffic"] as Record<string, unknown>).zone, /dalp:traffic\.zone: got nothing \(the key is not set\)/],
    [
      "a health check on a path the ingress controller answers for any host",
      (c) => ((c["dalp:traffic"] as { healthCheck: Record<string, unknown> }).healthCheck.path = "/healthz"),
      /dalp:traffic\.healthCheck\.path: got "\/healthz"; expected a path DALP serves, not one the ingress controller answers for any host/,
    ],
    [
      "a failover whose left-behind region's zones are a count",
      (c) => {
        c["dalp:regions"] = [{ ...home, zones: 3 }, standby];
        c["dalp:primaryRegion"] = standby.name;
      },
      /dalp:regions\[0\]\.zones: got 3; expected the zone names of .*the program must not ask a region that may be down/,
    ],
    [
      "a re-seed of the region that took over",
      (c) => {
        c["dalp:primaryRegion"] = standby.name;
        c["dalp:reseed"] = { region: standby.name, step: "release" };
      },
      /dalp:reseed\.region: got "[a-z0-9-]+"; expected [a-z0-9-]+: the home region, whose database a failover leaves behind/,
    ],
    ["a release with no failover in effect", (c) => (c["dalp:reseed"] = { region: home.name, step: "release" }), /dalp:reseed\.step: got "release"; expected not release while .* is active/],
    [
      "a re-seed step it does not know",
      (c) => {
        c["dalp:primaryRegion"] = standby.name;
        c["dalp:reseed"] = { region: home.name, step: "now" };
      },
      /dalp:reseed\.step: got "now"; expected .*release.*recreate.*returned/,
    ],
    [
      "a failover back to a re-seeded home whose other region's zones are a count",
      (c) => {
        c["dalp:regions"] = [home, { ...standby, zones: 3 }];
        c["dalp:reseed"] = { region: home.name, step: "returned" };
      },
      /dalp:regions\[1\]\.zones: got 3; expected the zone names of/,
    ],
    [
      "a recreate that would also fail back in the same run",
      (c) => (c["dalp:reseed"] = { region: home.name, step: "recreate" }),
      /dalp:reseed\.step: got "recreate"; expected not recreate while .* is active: recreate builds .*then set step returned/,
    ],
  ])("%s, naming the key", async (_what, change, expected) => {
    expect(await refusal(change)).toMatch(expected);
  });
});
