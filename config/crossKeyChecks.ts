import { credentialPaths, isCredentialKey, isCredentialValue } from "../facts/credentials";
import { apiAccessIssues } from "./apiAccess";
import { ConfigIssue, renderValue, SECRET_SHOWN_AS } from "./errors";
import { Check, guard, guarded } from "./guardedChecks";
import { configKey, NAMESPACE } from "./keys";
import { CLOUD_LIMITS, Limit, PATTERN_REGIONS, standInRegionNames } from "./limits";
import { providerAccountHint } from "./providerKeys";
import { RawDalpConfig, SECRET_KEYS } from "./schema";
import { readableRegionNames, regionCidr } from "./regionNames";
import { recoverIssues } from "./recoverChecks";
import { reseedIssues } from "./reseedChecks";
import { validatorsIssues } from "./validatorsChecks";
import { topologyOfNames } from "../topology/topology";
import type { ConfigInput } from "./validate";

/** What a cross-key check reads: the parsed configuration (read-tracked while keys have failed) and the input. */
export interface CheckContext {
  raw: RawDalpConfig;
  input: ConfigInput;
}

const names = readableRegionNames;

const issue = (path: PropertyKey[], value: unknown, allowed: string): ConfigIssue => ({ key: configKey(path), given: renderValue(value), allowed });

function within(value: number, path: PropertyKey[], limit: Limit, cloud: string): ConfigIssue[] {
  if (value >= limit.min && value <= limit.max) return [];
  const range = limit.min === limit.max ? `exactly ${limit.min}` : `an integer from ${limit.min} to ${limit.max}`;
  return [issue(path, value, `${range} on ${cloud}: ${limit.what} (${limit.source}, checked ${limit.checked})`)];
}

/** Whether the pattern's DNS moves users between regions (failover or latency routing) in some state. */
function routesBetweenRegions(pattern: RawDalpConfig["pattern"]): boolean {
  const names = standInRegionNames(pattern);
  return names.some((primary) => topologyOfNames(pattern, names, primary).links.some((l) => l.kind === "traffic" && l.routing !== "regional"));
}

/** Rules that span keys or depend on the cloud; each names the key to change. */
export const crossKeyChecks: ReadonlyArray<Check<CheckContext>> = [
  ({ raw }) => {
    const counts = PATTERN_REGIONS[raw.pattern];
    const n = raw.regions.length;
    if (n >= counts.min && n <= counts.max) return [];
    const allowed = counts.min === counts.max ? `exactly ${counts.min}` : `${counts.min} to ${counts.max}`;
    return [issue(["regions"], names(raw).map((name) => name ?? "?"), `${allowed} region(s) for pattern ${raw.pattern}: ${counts.why}`)];
  },

  ({ raw }) => {
    const listed = names(raw);
    return listed.flatMap((name, i) => (name !== undefined && listed.slice(0, i).includes(name) ? [issue(["regions", i], name, "a region not already listed")] : []));
  },

  ({ raw }) => {
    const listed = names(raw);
    if (raw.primaryRegion === undefined || listed.includes(undefined)) return [];
    return listed.includes(raw.primaryRegion) ? [] : [issue(["primaryRegion"], raw.primaryRegion, `one of the configured regions: ${listed.join(", ")}`)];
  },

  ({ raw }) =>
    raw.regions.flatMap((r, i) =>
      guard(() => {
        if (typeof r === "string" || r.zones === undefined) return [];
        const found: ConfigIssue[] = [];
        const n = Array.isArray(r.zones) ? r.zones.length : r.zones;
        const z = CLOUD_LIMITS[raw.cloud].zonesPerRegion;
        if (n > z.max) found.push(issue(["regions", i, "zones"], r.zones, `at most ${z.max} ${z.what} (${z.source})`));
        if (Array.isArray(r.zones) && new Set(r.zones).size !== r.zones.length) found.push(issue(["regions", i, "zones"], r.zones, "distinct zone names"));
        return found;
      }),
    ),

  ({ raw }) => {
    const cidrs = raw.regions.map((r, i) => guarded(() => regionCidr(r, i), undefined));
    return cidrs.flatMap((cidr, i) =>
      cidr !== undefined && cidrs.slice(0, i).includes(cidr) ? [issue(["regions", i, "cidr"], cidr, "an address space not used by another region (regions are peered for replication)")] : [],
    );
  },

  ({ raw }) => apiAccessIssues(raw),

  // A region left behind by a failover may be down, and with it its API: the program must plan it without
  // asking the region anything, so its zones must be known by name (README, Hot-warm).
  ({ raw }) => {
    const listed = names(raw);
    const counts = PATTERN_REGIONS[raw.pattern];
    if (listed.length < counts.min || listed.length > counts.max) return []; // the region-count check reports it
    const recover = guarded(() => raw.recover, undefined);
    const active = recover?.region ?? raw.primaryRegion;
    if (listed.includes(undefined) || active === undefined || !listed.includes(active)) return [];
    const reseed = guarded(() => raw.reseed, undefined);
    const cold = guarded(() => topologyOfNames(raw.pattern, listed as string[], active, reseed, recover).stamps.filter((s) => s.role === "cold"), []);
    return cold.flatMap((stamp) => {
      const i = listed.indexOf(stamp.region);
      const region = raw.regions[i];
      if (typeof region !== "string" && Array.isArray(region.zones)) return [];
      return [
        issue(["regions", i, "zones"], typeof region === "string" ? undefined : region.zones, `the zone names of ${stamp.region}, which the failover to ${active} leaves isolated: the program must not ask a region that may be down which zones it has (the names are in the stack outputs, regions.${stamp.region}.zones)`),
      ];
    });
  },

  // Moving users between regions is a DNS change the stack makes, so it must own the domain's records. A
  // pattern whose traffic goes to one region's own load balancer (hot-cold, rebuilt rather than failed over)
  // leaves the domain to the operator, as cloud-native does.
  ({ raw }) =>
    routesBetweenRegions(raw.pattern) && raw.traffic.zone === undefined
      ? [issue(["traffic", "zone"], undefined, `the DNS zone that holds ${guarded(() => raw.charts.domain, "charts.domain")}, for pattern ${raw.pattern}: its failover moves the domain between regions by DNS (a Route 53 hosted zone id, an Azure DNS zone resource id, a Cloud DNS managed zone name)`)]
      : [],

  ({ raw }) =>
    raw.cluster.maxPerZone < raw.cluster.minPerZone
      ? [issue(["cluster", "maxPerZone"], raw.cluster.maxPerZone, `a number >= cluster.minPerZone (${raw.cluster.minPerZone})`)]
      : [],

  ({ raw }) =>
    raw.postgres.maxStorageGb < raw.postgres.storageGb
      ? [issue(["postgres", "maxStorageGb"], raw.postgres.maxStorageGb, `a number >= postgres.storageGb (${raw.postgres.storageGb})`)]
      : [],

  ({ raw }) => within(raw.postgres.backupRetentionDays, ["postgres", "backupRetentionDays"], CLOUD_LIMITS[raw.cloud].postgresBackupRetentionDays, raw.cloud),

  ({ raw }) => (raw.cache.replicas === undefined ? [] : within(raw.cache.replicas, ["cache", "replicas"], CLOUD_LIMITS[raw.cloud].cacheReplicas, raw.cloud)),

  ({ raw }) =>
    raw.cache.snapshotRetentionDays === undefined
      ? []
      : within(raw.cache.snapshotRetentionDays, ["cache", "snapshotRetentionDays"], CLOUD_LIMITS[raw.cloud].cacheSnapshotRetentionDays, raw.cloud),

  ({ raw }) => {
    const engines = CLOUD_LIMITS[raw.cloud].cacheEngines;
    if (raw.cache.engine === undefined || engines.includes(raw.cache.engine)) return [];
    return [issue(["cache", "engine"], raw.cache.engine, `${engines.map((e) => JSON.stringify(e)).join(" or ")} on ${raw.cloud}: the engine its managed cache runs`)];
  },

  ({ raw }) =>
    raw.postgres.geoRedundantBackup && !CLOUD_LIMITS[raw.cloud].postgresGeoRedundantBackup
      ? [issue(["postgres", "geoRedundantBackup"], true, `false on ${raw.cloud}: the service has no such setting (cross-region copies of backups come with the hot-cold pattern)`)]
      : [],

  ({ raw, input }) => {
    const limits = CLOUD_LIMITS[raw.cloud];
    if (raw.account === undefined) {
      return limits.accountRequired ? [issue(["account"], undefined, `the ${raw.cloud} account to deploy into, e.g. ${limits.accountPattern.example}${providerAccountHint(raw.cloud, input)}`)] : [];
    }
    if (limits.accountPattern.regex.test(raw.account)) return [];
    // YAML reads an unquoted 012345678901 as the number 12345678901: the leading zero is gone.
    const unquoted =
      raw.cloud === "aws" && /^\d{1,11}$/.test(raw.account)
        ? "; an account id that starts with 0 must be quoted in the stack file: YAML reads an unquoted 012345678901 as a number and drops the zero"
        : "";
    return [issue(["account"], raw.account, `an id such as ${limits.accountPattern.example}${unquoted}`)];
  },

  ({ raw }) =>
    !raw.postgres.pointInTimeRecovery && !CLOUD_LIMITS[raw.cloud].postgresPitrOptional
      ? [issue(["postgres", "pointInTimeRecovery"], false, `true on ${raw.cloud}: the managed service always keeps point-in-time recovery inside the backup retention window`)]
      : [],

  ({ raw }) =>
    raw.charts.registry && raw.registryPassword === undefined
      ? [issue(["registryPassword"], undefined, `a secret, because dalp:charts.registry is set: pulumi config set --secret ${NAMESPACE}:registryPassword <token>`)]
      : [],

  ({ raw }) =>
    (["values", "supportValues"] as const).flatMap((field) =>
      guard(() =>
        credentialPaths(raw.charts[field]).map((path) => ({
          key: configKey(["charts", field, ...path]),
          given: "a plain-text credential",
          allowed: "no credential in chart values: they end up in the Helm release and the state; reference a Kubernetes Secret instead (existingSecret, passwordSecret: {name, key})",
        })),
      ),
    ),

  ({ raw }) => validatorsIssues(raw),

  ({ raw }) => reseedIssues(raw),

  ({ raw }) => recoverIssues(raw),

  ({ raw, input }) =>
    SECRET_KEYS.filter((k) => raw[k] !== undefined && !input.secretKeys.has(k)).map((k) => ({
      key: configKey([k]),
      given: "a plain-text value",
      allowed: `a secret: pulumi config set --secret ${NAMESPACE}:${k} <value> (and remove the plain-text entry from the stack file)`,
    })),

  ({ raw }) =>
    Object.entries(raw.tags).flatMap(([k, v]) =>
      isCredentialKey(k) && isCredentialValue(v) ? [{ key: configKey(["tags", k]), given: SECRET_SHOWN_AS, allowed: "no credential in a tag: anyone allowed to list the resource reads its tags" }] : [],
    ),
];
