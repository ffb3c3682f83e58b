import { planAddresses } from "../../components/gcp/subnetPlan";
import { ConfigIssue, renderValue } from "../../config/errors";
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
import { GCP_LABEL_LIMITS, labelCollisions } from "./labels";

/** Google Cloud region names: `europe-west1`, `us-central1`, `northamerica-northeast2`. */
const REGION = /^[a-z]+-[a-z]+\d{1,2}$/;
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

/** GCP spellings and service limits the schema cannot know. */
export function validateGcp(config: DalpConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issue = (key: string, value: unknown, allowed: string) => issues.push({ key, given: renderValue(value), allowed });

  config.regions.forEach((r, i) => {
    if (!REGION.test(r.name)) issue(`dalp:regions[${i}].name`, r.name, "a Google Cloud region such as europe-west1");
    if ("names" in r.zones) {
      r.zones.names.forEach((zone, z) => {
        if (!new RegExp(`^${r.name}-[a-z]$`).test(zone)) issue(`dalp:regions[${i}].zones[${z}]`, zone, `a zone of ${r.name}, such as ${r.name}-b`);
      });
    }
    // Each region's pod range holds a fixed number of nodes; the autoscaler must not be allowed past it.
    const zoneCount = "names" in r.zones ? r.zones.names.length : r.zones.count;
    const capacity = planAddresses(r.cidr, GCP_DEFAULTS.maxPodsPerNode).maxNodes;
    if (config.cluster.maxPerZone * zoneCount > capacity) {
      issue("dalp:cluster.maxPerZone", config.cluster.maxPerZone,
        `at most ${Math.floor(capacity / zoneCount)} with ${zoneCount} zones in ${r.name}: the region's pod range holds ${capacity} nodes of ${GCP_DEFAULTS.maxPodsPerNode} pods`);
    }
  });

  const c = config.cluster;
  if (c.nodeType !== undefined && !MACHINE_TYPE.test(c.nodeType)) issue("dalp:cluster.nodeType", c.nodeType, "a Compute Engine machine type such as n2-standard-4");
  c.adminPrincipals.forEach((p, i) => {
    if (!ADMIN_PRINCIPAL.test(p)) issue(`dalp:cluster.adminPrincipals[${i}]`, p, "an IAM principal such as user:alice@example.com or serviceAccount:ci@my-project.iam.gserviceaccount.com");
  });

  const pg = config.postgres;
  if (pg.instanceClass !== undefined && !pg.instanceClass.startsWith("db-")) {
    issue("dalp:postgres.instanceClass", pg.instanceClass, `a Cloud SQL tier starting with "db-", such as ${GCP_DEFAULTS.postgresTier}`);
  } else {
    const tier = pg.instanceClass ?? GCP_DEFAULTS.postgresTier;
    const edition = cloudSqlEdition(tier);
    const max = CLOUD_SQL_PITR_MAX_DAYS[edition];
    if (pg.backupRetentionDays > max) {
      issue("dalp:postgres.backupRetentionDays", pg.backupRetentionDays,
        `at most ${max} with tier ${tier} (Cloud SQL ${edition === "ENTERPRISE" ? "Enterprise" : "Enterprise Plus"} edition keeps ${max} days of point-in-time recovery); a db-perf-optimized-N-* tier (Enterprise Plus) keeps up to ${CLOUD_SQL_PITR_MAX_DAYS.ENTERPRISE_PLUS}`);
    }
  }
  if (!(CLOUD_SQL_POSTGRES_VERSIONS as readonly string[]).includes(pg.version)) {
    issue("dalp:postgres.version", pg.version, `one of ${CLOUD_SQL_POSTGRES_VERSIONS.join(", ")} on gcp (the PostgreSQL versions Cloud SQL runs)`);
  }

  const cache = config.cache;
  const size = memorystoreSizeGb(cache.nodeType);
  if (size === undefined || size < MEMORYSTORE_SIZE_GB.min || size > MEMORYSTORE_SIZE_GB.max) {
    issue("dalp:cache.nodeType", cache.nodeType,
      `a Memorystore memory size from ${MEMORYSTORE_SIZE_GB.min}GB to ${MEMORYSTORE_SIZE_GB.max}GB such as "${GCP_DEFAULTS.cacheMemoryGb}GB" on gcp (Memorystore is sized in GB, not by node type; read replicas need at least ${MEMORYSTORE_SIZE_GB.min}GB)`);
  }
  if (cache.version !== undefined && MEMORYSTORE_VERSIONS[cache.version] === undefined) {
    issue("dalp:cache.version", cache.version, `one of ${Object.keys(MEMORYSTORE_VERSIONS).map((v) => JSON.stringify(v)).join(", ")} (Memorystore for Redis versions)`);
  }

  const tags = stackTags(config);
  for (const keys of labelCollisions(tags)) {
    issue("dalp:tags", keys, "tag keys that stay distinct as GCP labels (lower-case letters, digits, _ and -): these become the same label");
  }
  // One label is kept for the buckets' `purpose`.
  if (Object.keys(tags).length > GCP_LABEL_LIMITS.perResource - 1) {
    issue("dalp:tags", Object.keys(config.tags), `fewer tags: with the stack's own, a GCP resource would carry ${Object.keys(tags).length + 1} labels (at most ${GCP_LABEL_LIMITS.perResource})`);
  }
  return issues;
}
