import type { RawDalpConfig } from "./schema";

export type { Cloud, Pattern } from "./schema";

/** Zones of a region as configured: a count to take from the region, or names to use as given. */
export type ZoneSpec = { count: number } | { names: string[] };

export interface RegionConfig {
  name: string;
  zones: ZoneSpec;
  cidr: string;
}

/** The validated configuration the program is built from: every default applied, no secret values. */
export interface DalpConfig extends Omit<RawDalpConfig, "regions" | "primaryRegion" | "registryPassword" | "cache"> {
  regions: RegionConfig[];
  primaryRegion: string;
  cache: RawDalpConfig["cache"] & { engine: "valkey" | "redis"; replicas: number; snapshotRetentionDays: number };
  stack: string;
  project: string;
}
