import type { core, ZodType } from "zod";
import { credentialPaths } from "../facts/credentials";
import { apiAccessIssues } from "./apiAccess";
import { ConfigError, ConfigIssue, renderValue } from "./errors";
import { CLOUD_LIMITS, PATTERN_REGIONS } from "./limits";
import { DalpConfigSchema, RawDalpConfig, SECRET_KEYS } from "./schema";
import type { DalpConfig, RegionConfig } from "./types";

export const NAMESPACE = "dalp";

export interface ConfigInput {
  /** Values of the `dalp:` namespace keyed without the namespace; structured values already parsed. */
  values: Record<string, unknown>;
  /** Keys (without namespace) that Pulumi holds as secrets. */
  secretKeys: ReadonlySet<string>;
  stack: string;
  project: string;
}

/**
 * Turns raw stack configuration into a typed `DalpConfig`, or throws a `ConfigError` listing every problem.
 * Runs before the program declares anything, so a bad stack file never leaves half-created resources.
 */
export function validateConfig(input: ConfigInput): DalpConfig {
  const parsed = DalpConfigSchema.safeParse(input.values);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => toConfigIssues(issue, input.values)));
  }
  const raw = parsed.data;
  const issues = crossFieldIssues(raw, input);
  if (issues.length > 0) throw new ConfigError(issues);

  const regions = raw.regions.map(normaliseRegion);
  const { registryPassword: _secret, regions: _regions, primaryRegion: _primary, ...rest } = raw;
  const snapshotLimit = CLOUD_LIMITS[raw.cloud].cacheSnapshotRetentionDays;
  return {
    ...rest,
    cache: {
      ...raw.cache,
      engine: raw.cache.engine ?? CLOUD_LIMITS[raw.cloud].cacheEngines[0],
      replicas: raw.cache.replicas ?? CLOUD_LIMITS[raw.cloud].cacheReplicas.default,
      snapshotRetentionDays: raw.cache.snapshotRetentionDays ?? Math.min(7, snapshotLimit.max),
    },
    regions,
    primaryRegion: raw.primaryRegion ?? regions[0].name,
    stack: input.stack,
    project: input.project,
  };
}

function normaliseRegion(region: RawDalpConfig["regions"][number], index: number): RegionConfig {
  const r = typeof region === "string" ? { name: region } : region;
  const zones = r.zones === undefined ? { count: 3 } : Array.isArray(r.zones) ? { names: r.zones } : { count: r.zones };
  return { name: r.name, zones, cidr: r.cidr ?? `10.${40 + index}.0.0/16` };
}

function key(path: ReadonlyArray<PropertyKey>): string {
  let out = NAMESPACE;
  path.forEach((p, i) => {
    if (typeof p === "number") out += `[${p}]`;
    else out += i === 0 ? `:${String(p)}` : `.${String(p)}`;
  });
  return out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((node, p) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[p] : undefined), root);
}

function given(root: unknown, path: ReadonlyArray<PropertyKey>): string {
  const top = path[0];
  if (typeof top === "string" && (SECRET_KEYS as readonly string[]).includes(top)) return "[secret]";
  return renderValue(valueAt(root, path));
}

/** Follows a path through the schema, for the list of keys an object accepts. */
function schemaAt(schema: ZodType, path: ReadonlyArray<PropertyKey>): ZodType | undefined {
  let node: ZodType | undefined = schema;
  for (const p of path) {
    node = unwrap(node);
    const def = node?._zod.def as unknown as Record<string, unknown> | undefined;
    if (!def) return undefined;
    if (def.type === "object") node = (def.shape as Record<string, ZodType>)[String(p)];
    else if (def.type === "array") node = def.element as ZodType;
    else if (def.type === "record") node = def.valueType as ZodType;
    else if (def.type === "union") {
      node = (def.options as ZodType[]).map(unwrap).find((o) => o?._zod.def.type === "object");
      if (node) node = ((node._zod.def as unknown as { shape: Record<string, ZodType> }).shape)[String(p)];
    } else return undefined;
  }
  return unwrap(node);
}

function unwrap(schema: ZodType | undefined): ZodType | undefined {
  let node = schema;
  for (;;) {
    const def = node?._zod.def as unknown as Record<string, unknown> | undefined;
    if (!def) return node;
    if (def.type === "default" || def.type === "prefault" || def.type === "optional") node = def.innerType as ZodType;
    else if (def.type === "pipe") node = def.out as ZodType;
    else return node;
  }
}

function objectKeys(path: ReadonlyArray<PropertyKey>): string[] {
  const node = schemaAt(DalpConfigSchema, path);
  if (node?._zod.def.type === "union") {
    const obj = (node._zod.def as unknown as { options: ZodType[] }).options.map(unwrap).find((o) => o?._zod.def.type === "object");
    return obj ? Object.keys((obj._zod.def as unknown as { shape: object }).shape) : [];
  }
  return node?._zod.def.type === "object" ? Object.keys((node._zod.def as unknown as { shape: object }).shape) : [];
}

function toConfigIssues(issue: core.$ZodIssue, root: unknown): ConfigIssue[] {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = objectKeys(path);
      return issue.keys.map((k) => ({
        key: key([...path, k]),
        given: given(root, [...path, k]),
        allowed: `no such key here; the keys of ${path.length ? key(path) : `the ${NAMESPACE}: namespace`} are ${known.join(", ")}`,
      }));
    }
    case "invalid_union": {
      // Report the branch the user evidently meant: the one that got past the type check at the root.
      const branches = issue.errors.filter((errs) => !errs.every((e) => e.code === "invalid_type" && e.path.length === 0));
      if (branches.length > 0) {
        return branches[0].flatMap((e) => toConfigIssues({ ...e, path: [...path, ...e.path] } as core.$ZodIssue, root));
      }
      return [{ key: key(path), given: given(root, path), allowed: "a region name such as \"eu-central-1\", or an object {name, zones, cidr}" }];
    }
    default:
      return [{ key: key(path), given: given(root, path), allowed: describe(issue) }];
  }
}

function describe(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "undefined" ? "nothing; remove the key" : `${article(issue.expected)} ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      if (issue.origin === "array") return customOr(issue.message, `at least ${issue.minimum} entries`);
      if (issue.origin === "string") return `a non-empty string`;
      return customOr(issue.message, `a number ${issue.inclusive ? ">=" : ">"} ${issue.minimum}`);
    case "too_big":
      if (issue.origin === "array") return `at most ${issue.maximum} entries`;
      if (issue.origin === "string") return `at most ${issue.maximum} characters`;
      return `a number ${issue.inclusive ? "<=" : "<"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function customOr(message: string, fallback: string): string {
  return message.startsWith("Too small") || message.startsWith("Invalid") ? fallback : message;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** Rules that span keys or depend on the cloud; each names the key to change. */
function crossFieldIssues(raw: RawDalpConfig, input: ConfigInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const limits = CLOUD_LIMITS[raw.cloud];
  const regionNames = raw.regions.map((r) => (typeof r === "string" ? r : r.name));

  const counts = PATTERN_REGIONS[raw.pattern];
  if (regionNames.length < counts.min || regionNames.length > counts.max) {
    const n = counts.min === counts.max ? `exactly ${counts.min}` : `${counts.min} to ${counts.max}`;
    issues.push({ key: key(["regions"]), given: renderValue(regionNames), allowed: `${n} region(s) for pattern ${raw.pattern}: ${counts.why}` });
  }
  const seen = new Set<string>();
  regionNames.forEach((name, i) => {
    if (seen.has(name)) issues.push({ key: key(["regions", i]), given: renderValue(name), allowed: "a region not already listed" });
    seen.add(name);
  });
  if (raw.primaryRegion !== undefined && !regionNames.includes(raw.primaryRegion)) {
    issues.push({ key: key(["primaryRegion"]), given: renderValue(raw.primaryRegion), allowed: `one of the configured regions: ${regionNames.join(", ")}` });
  }
  raw.regions.forEach((r, i) => {
    if (typeof r === "string" || r.zones === undefined) return;
    const n = Array.isArray(r.zones) ? r.zones.length : r.zones;
    const z = limits.zonesPerRegion;
    if (n > z.max) issues.push({ key: key(["regions", i, "zones"]), given: renderValue(r.zones), allowed: `at most ${z.max} ${z.what} (${z.source})` });
    if (Array.isArray(r.zones) && new Set(r.zones).size !== r.zones.length) {
      issues.push({ key: key(["regions", i, "zones"]), given: renderValue(r.zones), allowed: "distinct zone names" });
    }
  });
  const cidrs = raw.regions.map((r, i) => (typeof r === "string" ? undefined : r.cidr) ?? `10.${40 + i}.0.0/16`);
  cidrs.forEach((c, i) => {
    if (cidrs.indexOf(c) !== i) issues.push({ key: key(["regions", i, "cidr"]), given: renderValue(c), allowed: "an address space not used by another region (regions are peered for replication)" });
  });

  issues.push(...apiAccessIssues(raw));
  if (raw.cluster.maxPerZone < raw.cluster.minPerZone) {
    issues.push({ key: key(["cluster", "maxPerZone"]), given: renderValue(raw.cluster.maxPerZone), allowed: `a number >= cluster.minPerZone (${raw.cluster.minPerZone})` });
  }
  if (raw.postgres.maxStorageGb < raw.postgres.storageGb) {
    issues.push({ key: key(["postgres", "maxStorageGb"]), given: renderValue(raw.postgres.maxStorageGb), allowed: `a number >= postgres.storageGb (${raw.postgres.storageGb})` });
  }
  const within = (value: number, path: PropertyKey[], limit: typeof limits.postgresBackupRetentionDays) => {
    if (value < limit.min || value > limit.max) {
      const range = limit.min === limit.max ? `exactly ${limit.min}` : `an integer from ${limit.min} to ${limit.max}`;
      issues.push({ key: key(path), given: renderValue(value), allowed: `${range} on ${raw.cloud}: ${limit.what} (${limit.source}, checked ${limit.checked})` });
    }
  };
  within(raw.postgres.backupRetentionDays, ["postgres", "backupRetentionDays"], limits.postgresBackupRetentionDays);
  if (raw.cache.replicas !== undefined) within(raw.cache.replicas, ["cache", "replicas"], limits.cacheReplicas);
  if (raw.cache.snapshotRetentionDays !== undefined) {
    within(raw.cache.snapshotRetentionDays, ["cache", "snapshotRetentionDays"], limits.cacheSnapshotRetentionDays);
  }
  if (raw.cache.engine !== undefined && !limits.cacheEngines.includes(raw.cache.engine)) {
    issues.push({ key: key(["cache", "engine"]), given: renderValue(raw.cache.engine), allowed: `${limits.cacheEngines.map((e) => JSON.stringify(e)).join(" or ")} on ${raw.cloud}: the engine its managed cache runs` });
  }
  if (raw.postgres.geoRedundantBackup && !limits.postgresGeoRedundantBackup) {
    issues.push({
      key: key(["postgres", "geoRedundantBackup"]),
      given: "true",
      allowed: `false on ${raw.cloud}: the service has no such setting (cross-region copies of backups come with the hot-cold pattern)`,
    });
  }
  if (raw.account === undefined && limits.accountRequired) {
    issues.push({ key: key(["account"]), given: renderValue(undefined), allowed: `the ${raw.cloud} account to deploy into, e.g. ${limits.accountPattern.example}` });
  }
  if (raw.account !== undefined && !limits.accountPattern.regex.test(raw.account)) {
    issues.push({ key: key(["account"]), given: renderValue(raw.account), allowed: `an id such as ${limits.accountPattern.example}` });
  }
  if (!raw.postgres.pointInTimeRecovery && !limits.postgresPitrOptional) {
    issues.push({ key: key(["postgres", "pointInTimeRecovery"]), given: "false", allowed: `true on ${raw.cloud}: the managed service always keeps point-in-time recovery inside the backup retention window` });
  }

  if (raw.charts.registry && raw.registryPassword === undefined) {
    issues.push({
      key: key(["registryPassword"]),
      given: renderValue(undefined),
      allowed: `a secret, because dalp:charts.registry is set: pulumi config set --secret ${NAMESPACE}:registryPassword <token>`,
    });
  }
  for (const field of ["values", "supportValues"] as const) {
    for (const path of credentialPaths(raw.charts[field])) {
      issues.push({
        key: key(["charts", field, ...path.map((p) => (/^\d+$/.test(p) ? Number(p) : p))]),
        given: "a plain-text credential",
        allowed: "no credential in chart values: they end up in the Helm release and the state; this stack passes credentials through Kubernetes Secrets",
      });
    }
  }
  for (const k of SECRET_KEYS) {
    if (raw[k] !== undefined && !input.secretKeys.has(k)) {
      issues.push({ key: key([k]), given: "a plain-text value", allowed: `a secret: pulumi config set --secret ${NAMESPACE}:${k} <value> (and remove the plain-text entry from the stack file)` });
    }
  }
  return issues;
}
