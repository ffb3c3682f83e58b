import { planAddresses } from "../../components/gcp/subnetPlan";
import { didYouMean } from "../../config/didYouMean";
import { ConfigIssue, renderValue } from "../../config/errors";
import { Check, guard, runChecks } from "../../config/guardedChecks";
import { kubernetesVersionIssues } from "../../config/kubernetesVersionSupport";
import { PATTERN_REGIONS } from "../../config/limits";
import type { DalpConfig } from "../../config/types";
import { stackTags } from "../../patterns/tags";
import {
  CLOUD_SQL_PITR_MAX_DAYS,
  CLOUD_SQL_POSTGRES_VERSIONS,
  cloudSqlEdition,
  GCP_DEFAULTS,
  MEMORYSTORE_SIZE_GB,
  MEMORYSTORE_VERSIONS,
} from "./defaults";
import { AZURE_REGIONS_WITHOUT_ZONES, AZURE_ZONAL_REGIONS } from "../azure/regions";
import { GKE_CALENDAR } from "./kubernetesVersions";
import { GCP_LABEL_LIMITS, labelCollisions } from "./labels";
import { GCP_REGIONS } from "./regions";

/** Compute Engine machine types: `n2-standard-4`, `e2-highmem-8`, `c3d-standard-8-lssd`, `n2-custom-4-16384`. */
const MACHINE_TYPE = /^[a-z][a-z0-9]*-[a-z0-9]+(-[a-z0-9]+)*$/;
/** A Memorystore size, spelt in GB because the service has no node types: `5GB`. */
const MEMORY_SIZE = /^(\d+)\s*GB$/i;
/** IAM principals RBAC can bind by name (Google Groups need "Google Groups for RBAC", not configured here). */
const ADMIN_PRINCIPAL = /^(user|serviceAccount):[^@\s]+@[^@\s]+$/;

/** Memorystore size in GB from `dalp:cache.nodeType`, or the default; undefined when it is not a size. */
export function memorystoreSizeGb(nodeType: string | undefined): number | undefined {
  if (nodeType === undefined) return GCP_DEFAULTS.cacheMemoryGb;
  const m = MEMORY_SIZE.exec(nodeType.trim());
  return m ? Number(m[1]) : undefined;
}

/** Google's spelling of an AWS-style region name: `eu-central-1` -> `europe-central1`, for the did-you-mean. */
const AWS_AREA: Record<string, string> = { eu: "europe", us: "us", ap: "asia", sa: "southamerica", ca: "northamerica", me: "me", af: "africa", il: "me", mx: "northamerica" };

function regionAdvice(region: string): string {
  const aws = /^([a-z]{2})-([a-z]+)-(\d)$/.exec(region);
  if (aws) {
    const respelt = `${AWS_AREA[aws[1]] ?? aws[1]}-${aws[2]}${aws[3]}`;
    return `a Google Cloud region such as europe-west1 (${region} is spelt like an AWS region)${didYouMean(respelt, GCP_REGIONS)}; the list is stacks/gcp/regions.ts`;
  }
  const elsewhere = AZURE_ZONAL_REGIONS.has(region) || AZURE_REGIONS_WITHOUT_ZONES.has(region) ? " (that is an Azure region)" : "";
  return `a Google Cloud region such as europe-west1${elsewhere}${didYouMean(region, GCP_REGIONS)}; the list is stacks/gcp/regions.ts`;
}

const checks: ReadonlyArray<Check<DalpConfig>> = [
  // One guard per region: a region that failed says nothing about the others.
  (config) =>
    config.regions.flatMap((r, i) => guard(() => (GCP_REGIONS.has(r.name) ? [] : [issue(`dalp:regions[${i}].name`, r.name, regionAdvice(r.name))]))),
  (config) =>
    config.regions.flatMap((r, i) =>
      guard(() =>
        "names" in r.zones
          ? r.zones.names.flatMap((zone, z) => (new RegExp(`^${r.name}-[a-z]$`).test(zone) ? [] : [issue(`dalp:regions[${i}].zones[${z}]`, zone, `a zone of ${r.name}, such as ${r.name}-b`)]))
          : [],
      ),
    ),
  // Each region's pod range holds a fixed number of nodes; the autoscaler must not be allowed past it.
  (config) =>
    config.regions.flatMap((r) =>
      guard(() => {
        const zoneCount = "names" in r.zones ? r.zones.names.length : r.zones.count;
        const capacity = planAddresses(r.cidr, GCP_DEFAULTS.maxPodsPerNode).maxNodes;
        if (config.cluster.maxPerZone * zoneCount <= capacity) return [];
        return [
          issue(
            "dalp:cluster.maxPerZone",
            config.cluster.maxPerZone,
            `at most ${Math.floor(capacity / zoneCount)} with ${zoneCount} zones in ${r.name}: the region's pod range holds ${capacity} nodes of ${GCP_DEFAULTS.maxPodsPerNode} pods`,
          ),
        ];
      }),
    ),
  (config) =>
    config.cluster.nodeType !== undefined && !MACHINE_TYPE.test(config.cluster.nodeType)
      ? [issue("dalp:cluster.nodeType", config.cluster.nodeType, `a Compute Engine machine type such as ${GCP_DEFAULTS.nodeType}`)]
      : [],
  (config) =>
    config.cluster.adminPrincipals.flatMap((p, i) =>
      ADMIN_PRINCIPAL.test(p) ? [] : [issue(`dalp:cluster.adminPrincipals[${i}]`, p, "an IAM principal such as user:alice@example.com or serviceAccount:ci@my-project.iam.gserviceaccount.com")],
    ),
  (config) => kubernetesVersionIssues(GKE_CALENDAR, config.cluster.kubernetesVersion),
  (config) => {
    const pg = config.postgres;
    if (pg.instanceClass !== undefined && !pg.instanceClass.startsWith("db-")) {
      return [issue("dalp:postgres.instanceClass", pg.instanceClass, `a Cloud SQL tier starting with "db-", such as ${GCP_DEFAULTS.postgresTier}`)];
    }
    return [];
  },
  (config) => {
    const pg = config.postgres;
    if (pg.instanceClass !== undefined && !pg.instanceClass.startsWith("db-")) return [];
    const tier = pg.instanceClass ?? GCP_DEFAULTS.postgresTier;
    const edition = cloudSqlEdition(tier);
    const max = CLOUD_SQL_PITR_MAX_DAYS[edition];
    if (pg.backupRetentionDays <= max) return [];
    return [
      issue(
        "dalp:postgres.backupRetentionDays",
        pg.backupRetentionDays,
        `at most ${max} with tier ${tier} (Cloud SQL ${edition === "ENTERPRISE" ? "Enterprise" : "Enterprise Plus"} edition keeps ${max} days of point-in-time recovery); a db-perf-optimized-N-* tier (Enterprise Plus) keeps up to ${CLOUD_SQL_PITR_MAX_DAYS.ENTERPRISE_PLUS}`,
      ),
    ];
  },
  (config) =>
    (CLOUD_SQL_POSTGRES_VERSIONS as readonly string[]).includes(config.postgres.version)
      ? []
      : [issue("dalp:postgres.version", config.postgres.version, `one of ${CLOUD_SQL_POSTGRES_VERSIONS.join(", ")} on gcp (the PostgreSQL versions Cloud SQL runs)`)],
  (config) => {
    const cache = config.cache;
    const size = memorystoreSizeGb(cache.nodeType);
    if (size !== undefined && size >= MEMORYSTORE_SIZE_GB.min && size <= MEMORYSTORE_SIZE_GB.max) return [];
    return [
      issue(
        "dalp:cache.nodeType",
        cache.nodeType,
        `a Memorystore memory size from ${MEMORYSTORE_SIZE_GB.min}GB to ${MEMORYSTORE_SIZE_GB.max}GB such as "${GCP_DEFAULTS.cacheMemoryGb}GB" on gcp (Memorystore is sized in GB, not by node type; read replicas need at least ${MEMORYSTORE_SIZE_GB.min}GB)`,
      ),
    ];
  },
  (config) =>
    config.cache.version !== undefined && MEMORYSTORE_VERSIONS[config.cache.version] === undefined
      ? [issue("dalp:cache.version", config.cache.version, `one of ${Object.keys(MEMORYSTORE_VERSIONS).map((v) => JSON.stringify(v)).join(", ")} (Memorystore for Redis versions)`)]
      : [],
  (config) =>
    // Cloud DNS probes external endpoints with a global health check that has source regions, and such a check
    // runs at most every 30 seconds (provider docs, compute.HealthCheck sourceRegions: "The checkIntervalSec field
    // must be at least 30", @pulumi/gcp 9.37, read 2026-12-01).
    PATTERN_REGIONS[config.pattern].min > 1 && config.traffic.healthCheck.intervalSeconds < 30
      ? [issue("dalp:traffic.healthCheck.intervalSeconds", config.traffic.healthCheck.intervalSeconds, "30 on gcp (Cloud DNS health checks for external endpoints probe at most every 30 seconds)")]
      : [],
  (config) =>
    // A point in time is restored on Cloud SQL only as a clone of the source instance, which lands in the source's
    // region (the clone context takes a zone, `preferredZone`, and no region; the clone is in the source's project)
    // and replays write-ahead logs kept in Cloud Storage in the source's region (WAL logs "stored in Cloud Storage in
    // the same region as the instances"): Cloud SQL "About restoring an instance", Point-in-time recovery,
    // "Use point-in-time recovery" and gcloud sql instances clone; provider docs, sql.DatabaseInstance `clone`
    // (@pulumi/gcp 9.37); all read 2026-12-01. With the home region down, what the recovery region holds is the
    // backups the home primary wrote there, each restorable as a whole (stacks/gcp/discover.ts).
    config.recover?.pointInTime !== undefined
      ? [
          issue(
            "dalp:recover.pointInTime",
            config.recover.pointInTime,
            "not set on gcp: Cloud SQL restores a point in time only as a clone in the failed region, from the logs it keeps there; not set, the rebuild restores the latest successful backup the home primary wrote into the recovery region (docs/gcp.md, Hot-cold)",
          ),
        ]
      : [],
  (config) =>
    // The drill clones the region's instance; to a point in time the clone replays the instance's write-ahead
    // logs, which Cloud SQL keeps only with point-in-time recovery on ("Point-in-time recovery uses write-ahead
    // logging (WAL) archiving", Cloud SQL "About restoring an instance", read 2026-12-01). Without one the clone
    // is of the instance's current state, which needs no logs.
    config.drill.enabled && config.drill.pointInTime !== undefined && !config.postgres.pointInTimeRecovery
      ? [
          issue(
            "dalp:drill.pointInTime",
            config.drill.pointInTime,
            "not set while dalp:postgres.pointInTimeRecovery is false: Cloud SQL clones a point in time from the write-ahead logs it keeps only with point-in-time recovery on; not set, the drill clones the database's current state",
          ),
        ]
      : [],
  (config) =>
    labelCollisions(stackTags(config)).map((keys) => issue("dalp:tags", keys, "tag keys that stay distinct as GCP labels (lower-case letters, digits, _ and -): these become the same label")),
  (config) => {
    // One label is kept for the buckets' `purpose`.
    const tags = stackTags(config);
    if (Object.keys(tags).length <= GCP_LABEL_LIMITS.perResource - 1) return [];
    return [issue("dalp:tags", Object.keys(config.tags), `fewer tags: with the stack's own, a GCP resource would carry ${Object.keys(tags).length + 1} labels (at most ${GCP_LABEL_LIMITS.perResource})`)];
  },
  (config) =>
    Object.entries(config.tags).flatMap(([k, v]) => [
      ...(k.length > GCP_LABEL_LIMITS.length ? [issue(`dalp:tags.${k}`, k, `a key of at most ${GCP_LABEL_LIMITS.length} characters: a GCP label key is cut there, and two long keys would become one`)] : []),
      ...(v.length > GCP_LABEL_LIMITS.length ? [issue(`dalp:tags.${k}`, v, `a value of at most ${GCP_LABEL_LIMITS.length} characters: a GCP label value is cut there`)] : []),
    ]),
];

const issue = (key: string, value: unknown, allowed: string): ConfigIssue => ({ key, given: renderValue(value), allowed });

/** GCP spellings and service limits the schema cannot know. */
export function validateGcp(config: DalpConfig): ConfigIssue[] {
  return runChecks(config, checks);
}
