import { guarded } from "./guardedChecks";
import type { RawDalpConfig } from "./schema";

/** The name of a configured region, given as a name or as `{name, zones, cidr}`. */
export const regionName = (r: RawDalpConfig["regions"][number]): string => (typeof r === "string" ? r : r.name);

/** Each region's name, or undefined for a region that failed: a check compares only the names it can read. */
export const readableRegionNames = (raw: RawDalpConfig): Array<string | undefined> => raw.regions.map((r) => guarded<string | undefined>(() => regionName(r), undefined));
