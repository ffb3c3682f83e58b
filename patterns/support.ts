import type { ConfigIssue } from "../config/errors";
import { PATTERN_REGIONS, standInRegionNames } from "../config/limits";
import type { DalpConfig } from "../config/types";
import { PATTERNS } from "../facts/patterns";
import { linkVariant, supportsLink } from "../ports/links";
import type { AnyAdapter } from "../stacks/registry";
import { planTopology, topologyOfNames } from "../topology/topology";
import type { Topology } from "../topology/types";

/** What of a topology the adapter does not build: database placements and links, each named. */
function missing(adapter: AnyAdapter, topology: Topology): string[] {
  const placements = topology.stamps.filter((s) => !adapter.placements.includes(s.database.kind)).map((s) => `a ${s.database.kind} database in ${s.region}`);
  const links = topology.links.filter((l) => !supportsLink(adapter.links, l)).map(linkVariant);
  const vaults = adapter.vault ? [] : topology.stamps.filter((s) => !s.cluster).map((s) => `a region that holds only copies (${s.region})`);
  return [...new Set([...placements, ...vaults, ...links])];
}

/** Every state of a pattern: its topology with each region as the primary, over stand-in regions. */
function states(pattern: DalpConfig["pattern"]): Topology[] {
  const names = standInRegionNames(pattern);
  // A region other than home becomes active by failover or, in hot-cold, by the rebuild (dalp:recover).
  return names.map((primary) => topologyOfNames(pattern, names, primary, undefined, primary === names[0] ? undefined : { region: primary }));
}

/** The patterns the adapter builds in every state, normal running and failed over. */
export function builtPatterns(adapter: AnyAdapter): DalpConfig["pattern"][] {
  return PATTERNS.filter((p) => states(p).every((t) => missing(adapter, t).length === 0));
}

/**
 * Refuses a pattern whose topology, as configured, holds a database placement or a link the cloud's ports do
 * not build: the pattern is planned, but this cloud does not build it yet.
 */
export function patternSupportIssues(adapter: AnyAdapter, config: Pick<DalpConfig, "pattern" | "regions" | "primaryRegion" | "recover"> & Partial<Pick<DalpConfig, "drill">>): ConfigIssue[] {
  const counts = PATTERN_REGIONS[config.pattern];
  // A pattern with the wrong number of regions has no topology; the region-count check reports it.
  if (config.regions.length < counts.min || config.regions.length > counts.max) return [];
  // The drill needs the cloud's drill port, whatever the pattern.
  const drill: ConfigIssue[] =
    config.drill?.enabled && !adapter.drill ? [{ key: "dalp:drill.enabled", given: "true", allowed: `false on ${adapter.cloud}: this version builds no restore drill there yet` }] : [];
  const gaps = missing(adapter, planTopology(config));
  if (gaps.length === 0) return drill;
  return [
    ...drill,
    {
      key: "dalp:pattern",
      given: JSON.stringify(config.pattern),
      allowed: `a pattern this version builds on ${adapter.cloud}: ${builtPatterns(adapter).join(", ")} (${config.pattern} needs ${gaps.join(", ")}, which ${adapter.cloud} does not build yet)`,
    },
  ];
}
