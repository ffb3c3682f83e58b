import { bestEffortParse } from "./bestEffortParse";
import { crossKeyChecks, CheckContext } from "./crossKeyChecks";
import { ConfigError, ConfigIssue, renderValue, SECRET_SHOWN_AS } from "./errors";
import { guard, issuePath, keyPath, KeyPath, markRefused, runChecks, tracked } from "./guardedChecks";
import { isCredentialPath, NAMESPACE } from "./keys";
import { CLOUD_LIMITS } from "./limits";
import { providerKeyIssues } from "./providerKeys";
import { defaultRegionCidr } from "./regionNames";
import { DalpConfigSchema, RawDalpConfig, SECRET_KEYS } from "./schema";
import { schemaIssues } from "./schemaIssues";
import type { DalpConfig, RegionConfig } from "./types";

export { NAMESPACE };

export interface ConfigInput {
  /** Values of the `dalp:` namespace keyed without the namespace; structured values already parsed. */
  values: Record<string, unknown>;
  /** Keys (without namespace) that Pulumi holds as secrets. */
  secretKeys: ReadonlySet<string>;
  stack: string;
  project: string;
  /**
   * The stack's keys of other namespaces (`aws:region`, `gcp:project`, ...), with their namespace, as Pulumi
   * hands them to the program (text); those it holds as secrets in `secretKeys`.
   */
  provider?: { values: Record<string, string>; secretKeys: ReadonlySet<string> };
}

/** The configuration as far as it could be read, and everything wrong with it, found in one round. */
export interface ConfigCheck {
  /** The typed configuration; only to be built from when `issues` is empty. */
  config: DalpConfig;
  issues: ConfigIssue[];
}

/** Checks that need more than the configuration (the cloud's adapter, the patterns built), run in the same round. */
export type ConfigStage = (config: DalpConfig) => ConfigIssue[];

/**
 * Every problem of a configuration at once: the schema's, then the cross-key rules', then each of `stages`
 * (the cloud's), then the provider keys' agreement with the `dalp:` keys, each on every key the earlier ones
 * accepted. A key refused once is left alone afterwards, so no rule reports a follow-on of another's finding.
 * Runs before the program declares anything.
 */
export function checkConfig(input: ConfigInput, stages: ReadonlyArray<ConfigStage> = []): ConfigCheck {
  const parsed = DalpConfigSchema.safeParse(input.values);
  const issues = parsed.success ? [] : schemaIssues(parsed.error.issues, input.values, input.secretKeys);
  const failed = new Set<KeyPath>(parsed.success ? [] : parsed.error.issues.filter((i) => i.code !== "unrecognized_keys").map((i) => keyPath(i.path)));
  let raw: RawDalpConfig;
  if (parsed.success) raw = parsed.data;
  else {
    const partial = bestEffortParse(DalpConfigSchema, input.values);
    partial.suspect.forEach((p) => failed.add(p));
    raw = partial.data as RawDalpConfig;
  }
  const { config, derivedFailures } = normalise(raw, input, failed);
  derivedFailures.forEach((p) => failed.add(p));

  const refuse = (found: ConfigIssue[]) => {
    issues.push(...found.map((i) => withoutSecret(i, input)));
    markRefused(failed, raw, found);
  };
  const context: CheckContext = { input, raw: tracked(raw, failed) };
  refuse(runChecks(context, crossKeyChecks));
  const view = tracked(config, failed);
  for (const stage of stages) refuse(stage(view));
  refuse(guard(() => providerKeyIssues(context.raw, input)));
  return { config, issues };
}
/**
 * The last line of defence for what an error prints: whatever rule wrote the issue, a key Pulumi holds as a
 * secret, a secret key of the schema, or a key under a credential-looking name shows `[secret]`.
 */
function withoutSecret(issue: ConfigIssue, input: ConfigInput): ConfigIssue {
  const path = issuePath(issue.key);
  if (path === undefined) return input.provider?.secretKeys.has(issue.key) ? { ...issue, given: SECRET_SHOWN_AS } : issue;
  const segments = path.split(".");
  const secret = input.secretKeys.has(segments[0]) || (SECRET_KEYS as readonly string[]).includes(segments[0]) || isCredentialPath(segments);
  return secret && issue.given !== renderValue(undefined) && !issue.given.startsWith("a plain-text") ? { ...issue, given: SECRET_SHOWN_AS } : issue;
}

/** Turns raw stack configuration into a typed `DalpConfig`, or throws a `ConfigError` listing every problem. */
export function validateConfig(input: ConfigInput, stages: ReadonlyArray<ConfigStage> = []): DalpConfig {
  const { config, issues } = checkConfig(input, stages);
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** Defaults that depend on other keys; a default taken from a failed key is failed too. */
function normalise(raw: RawDalpConfig, input: ConfigInput, failed: ReadonlySet<KeyPath>): { config: DalpConfig; derivedFailures: KeyPath[] } {
  const derivedFailures: KeyPath[] = [];
  const isFailed = (path: string) => [...failed].some((f) => path === f || path.startsWith(`${f}.`));
  const regions = (raw.regions ?? []).map((r, i) => (r === undefined ? (undefined as unknown as RegionConfig) : normaliseRegion(r, i)));
  if (raw.primaryRegion === undefined && isFailed("regions.0")) derivedFailures.push("primaryRegion");

  const limits = raw.cloud === undefined ? undefined : CLOUD_LIMITS[raw.cloud];
  const cache = raw.cache ?? {};
  for (const k of ["engine", "replicas", "snapshotRetentionDays"] as const) {
    if (cache[k] === undefined && (limits === undefined || isFailed("cloud"))) derivedFailures.push(`cache.${k}`);
  }
  const { registryPassword: _secret, regions: _regions, primaryRegion: _primary, ...rest } = raw;
  const config = {
    ...rest,
    cache: {
      ...cache,
      engine: cache.engine ?? limits?.cacheEngines[0],
      replicas: cache.replicas ?? limits?.cacheReplicas.default,
      snapshotRetentionDays: cache.snapshotRetentionDays ?? (limits ? Math.min(7, limits.cacheSnapshotRetentionDays.max) : undefined),
    },
    regions,
    // Hot-cold's rebuild makes the recovery region the active one (config/recoverChecks.ts).
    primaryRegion: raw.recover?.region ?? raw.primaryRegion ?? regions[0]?.name,
    stack: input.stack,
    project: input.project,
  } as DalpConfig;
  return { config, derivedFailures };
}

function normaliseRegion(region: RawDalpConfig["regions"][number], index: number): RegionConfig {
  const r = typeof region === "string" ? { name: region } : region;
  const zones = r.zones === undefined ? { count: 3 } : Array.isArray(r.zones) ? { names: r.zones } : { count: r.zones };
  return { name: r.name, zones, cidr: r.cidr ?? defaultRegionCidr(index) };
}
