import { mustExistAlready } from "../topology/databaseIdentity";
import type { Topology } from "../topology/types";
import { ConfigIssue, renderValue } from "./errors";
import { configKey } from "./keys";
import { PATTERN_REGIONS } from "./limits";
import { readableRegionNames } from "./regionNames";
import type { RawDalpConfig } from "./schema";

/** The patterns whose return `dalp:reseed` describes: one standby that a failover promoted. */
const RESEEDED_PATTERNS: ReadonlyArray<RawDalpConfig["pattern"]> = ["hot-warm"];

/**
 * `dalp:reseed` names the home region (the first of `regions`), the only one whose database is a former primary
 * a failover can leave behind, and nothing else: re-seeding deletes that database. `release` and `recreate`
 * apply while the failover away from the home region is in effect; only `returned`, which says the new replica
 * exists, may be combined with `primaryRegion` back at home (a failover to the re-seeded replica). A second
 * return, of the other region, would re-seed a database that is itself the product of a return, which this
 * stack does not describe.
 */
export function reseedIssues(raw: RawDalpConfig): ConfigIssue[] {
  const reseed = raw.reseed;
  if (reseed === undefined) return [];
  if (!RESEEDED_PATTERNS.includes(raw.pattern)) {
    return [{ key: configKey(["reseed"]), given: renderValue(reseed), allowed: `not set for pattern ${raw.pattern}: the return by re-seed is built for ${RESEEDED_PATTERNS.join(", ")}` }];
  }
  const listed = readableRegionNames(raw);
  const counts = PATTERN_REGIONS[raw.pattern];
  // The region-count, region-name and primaryRegion checks report those keys; the return is judged once they hold.
  if (listed.includes(undefined) || listed.length < counts.min || listed.length > counts.max) return [];
  const [home] = listed as string[];
  const primary = raw.primaryRegion ?? home;
  if (!listed.includes(primary)) return [];
  if (reseed.region !== home) {
    return [
      {
        key: configKey(["reseed", "region"]),
        given: renderValue(reseed.region),
        allowed: `${home}: the home region, whose database a failover leaves behind and the return re-seeds (a return of ${reseed.region} would re-seed a database that is itself a promoted replica, which this stack does not describe)`,
      },
    ];
  }
  if (reseed.step !== "returned" && primary === home) {
    const why =
      reseed.step === "release"
        ? `the release prepares the return of ${home} after a failover away from it (dalp:primaryRegion set to the other region)`
        : `recreate builds ${home}'s new replica while the other region is active; promoting it in the same run would move traffic to a database that is still being created. Run recreate with dalp:primaryRegion on the other region, then set step returned, and only then fail back`;
    return [{ key: configKey(["reseed", "step"]), given: renderValue(reseed.step), allowed: `not ${reseed.step} while ${home} is active: ${why}` }];
  }
  return [];
}

/**
 * The cloud's answer to a failover back to the re-seeded region: every stamp whose re-seeded replica is to be
 * promoted is looked up by `find` (nothing, or a sentence saying why there is none) before anything is declared,
 * so a stack that skipped `recreate` stops here, even under `pulumi up --skip-preview`. The lookup goes to the
 * region failed back to, which is up.
 */
export async function reseededReplicaIssues(topology: Topology, find: (region: string) => Promise<string | undefined>): Promise<ConfigIssue[]> {
  const claimed = topology.stamps.filter((s) => mustExistAlready(s.database)).map((s) => s.region);
  const problems = await Promise.all(claimed.map(async (region) => ({ region, problem: await find(region) })));
  return problems
    .filter((p): p is { region: string; problem: string } => p.problem !== undefined)
    .map(({ region, problem }) => ({
      key: configKey(["reseed", "step"]),
      given: renderValue("returned"),
      allowed: `recreate, until ${region}'s re-seeded replica exists: ${problem} (README, Return after a failover)`,
    }));
}
