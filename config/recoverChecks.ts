import { MONITORING_NAMESPACE, VELERO_NAMESPACE } from "../addons/shared/labels";
import { ConfigIssue, renderValue } from "./errors";
import { guarded } from "./guardedChecks";
import { configKey } from "./keys";
import { PATTERN_REGIONS } from "./limits";
import { readableRegionNames } from "./regionNames";
import type { RawDalpConfig } from "./schema";
import { utcSecond } from "../lib/utcSecond";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The patterns whose recovery region holds only copies, so that `dalp:recover` rebuilds it. */
const RECOVERED_PATTERNS: ReadonlyArray<RawDalpConfig["pattern"]> = ["hot-cold"];

/** The drill's namespace when `dalp:drill.namespace` is not set. */
export function drillNamespaceOf(config: Pick<RawDalpConfig, "charts" | "drill">): string {
  return config.drill.namespace ?? `${config.charts.namespace}-drill`;
}

/**
 * The PITR window a point in time must fall in, as the configuration knows it: from `backupRetentionDays` ago
 * to now. The cloud's own window (when its copies began, how far they lag) is narrower, and is checked by the
 * cloud's discovery where the recovery region can be asked.
 */
export function pointInTimeIssues(path: PropertyKey[], value: string | undefined, retentionDays: number, now: number): ConfigIssue[] {
  if (value === undefined) return [];
  const at = Date.parse(value);
  const earliest = utcSecond(now - retentionDays * DAY_MS);
  const latest = utcSecond(now);
  if (at >= now - retentionDays * DAY_MS && at <= now) return [];
  const why = at > now ? "it is in the future" : `it is older than the ${retentionDays}-day PITR window (dalp:postgres.backupRetentionDays)`;
  return [{ key: configKey(path), given: renderValue(value), allowed: `a time from ${earliest} to ${latest}; ${why}` }];
}

/**
 * `dalp:recover` is hot-cold's rebuild and names its recovery region; in hot-cold it is the only switch, since
 * the recovery region has nothing `primaryRegion` could promote.
 */
export function recoverIssues(raw: RawDalpConfig, now: number = Date.now()): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const listed = readableRegionNames(raw);
  const counts = PATTERN_REGIONS[raw.pattern];
  const regionsKnown = !listed.includes(undefined) && listed.length >= counts.min && listed.length <= counts.max;
  const retention = guarded(() => raw.postgres.backupRetentionDays, undefined);
  const recover = raw.recover;
  if (recover !== undefined && !RECOVERED_PATTERNS.includes(raw.pattern)) {
    issues.push({ key: configKey(["recover"]), given: renderValue(recover), allowed: `not set for pattern ${raw.pattern}: the rebuild from copies is hot-cold's (${RECOVERED_PATTERNS.join(", ")}); ${raw.pattern} fails over with dalp:primaryRegion` });
  } else if (regionsKnown && raw.pattern === "hot-cold") {
    const [home, other] = listed as string[];
    if (recover !== undefined && recover.region !== other) {
      issues.push({ key: configKey(["recover", "region"]), given: renderValue(recover.region), allowed: `${other}: the recovery region, which holds the copies of ${home}'s backups and buckets` });
    }
    if (raw.primaryRegion !== undefined && raw.primaryRegion !== (recover ? other : home) && listed.includes(raw.primaryRegion)) {
      issues.push({
        key: configKey(["primaryRegion"]),
        given: renderValue(raw.primaryRegion),
        allowed: recover
          ? `not set, or ${other}: dalp:recover makes ${other} the active region`
          : `not set, or ${home}: a hot-cold stack has nothing to promote in ${other}; rebuild it from its copies with dalp:recover {region: ${other}, pointInTime?} (docs/recovery.md, Hot-cold rebuild)`,
      });
    }
    if (recover !== undefined && retention !== undefined) {
      issues.push(
        ...pointInTimeIssues(["recover", "pointInTime"], recover.pointInTime, retention, now).map((i) => ({
          ...i,
          allowed: `${i.allowed}; once the database is restored the key may be removed, it is read only when the database is created`,
        })),
      );
    }
    // The rebuild restores the DALP namespace from the home region's Velero backups; without them it has
    // nothing to restore but the database.
    if (guarded(() => raw.backup.enabled, true) === false) {
      issues.push({ key: configKey(["backup", "enabled"]), given: "false", allowed: `true for pattern hot-cold: the rebuild of ${other} restores the DALP namespace from ${home}'s Velero backups, replicated there` });
    }
  }
  issues.push(...drillIssues(raw, retention, now));
  return issues;
}

/** The drill restores beside the running stack, never into a namespace it runs in, and inside the PITR window. */
function drillIssues(raw: RawDalpConfig, retention: number | undefined, now: number): ConfigIssue[] {
  const drill = guarded(() => raw.drill, undefined);
  if (drill === undefined) return [];
  // A point in time left in the file after a drill is not read until the next one: only then must it be in the window.
  const issues = drill.enabled && retention !== undefined ? pointInTimeIssues(["drill", "pointInTime"], drill.pointInTime, retention, now) : [];
  // The drill restores the namespace from the region's own Velero backups.
  if (drill.enabled && guarded(() => raw.backup.enabled, true) === false) {
    issues.push({ key: configKey(["drill", "enabled"]), given: "true", allowed: "false while dalp:backup.enabled is false: the drill restores the DALP namespace from the region's Velero backups" });
  }
  const production = guarded(() => raw.charts.namespace, undefined);
  if (production === undefined) return issues;
  const taken = [production, guarded(() => raw.validators?.namespace, undefined), VELERO_NAMESPACE, MONITORING_NAMESPACE, "kube-system"].filter((n): n is string => n !== undefined);
  const namespace = drillNamespaceOf({ charts: raw.charts, drill });
  if (taken.includes(namespace)) {
    issues.push({ key: configKey(["drill", "namespace"]), given: renderValue(namespace), allowed: `a namespace of the drill's own, none of ${taken.join(", ")}: a drill never restores into a namespace the stack runs in` });
  }
  return issues;
}
