import { guarded } from "./guardedChecks";
import type { RawDalpConfig } from "./schema";

/** The address space of the region at `index` in `dalp:regions` when it gives none: distinct /16s, so regions can be peered. */
export const defaultRegionCidr = (index: number): string => `10.${40 + index}.0.0/16`;

/** The address space of a configured region: its own `cidr`, or the default for its place in the list. */
export const regionCidr = (r: RawDalpConfig["regions"][number], index: number): string => (typeof r === "string" ? undefined : r.cidr) ?? defaultRegionCidr(index);

/** The name of a configured region, given as a name or as `{name, zones, cidr}`. */
export const regionName = (r: RawDalpConfig["regions"][number]): string => (typeof r === "string" ? r : r.name);

/** Each region's name, or undefined for a region that failed: a check compares only the names it can read. */
export const readableRegionNames = (raw: RawDalpConfig): Array<string | undefined> => raw.regions.map((r) => guarded<string | undefined>(() => regionName(r), undefined));
