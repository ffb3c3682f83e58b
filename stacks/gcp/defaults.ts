/**
 * GCP defaults for what the configuration leaves open, each with its public source and the date it was read.
 * Sizes are a starting point for a production DALP deployment, chosen to match the AWS reference stack's
 * shapes (4 vCPU / 16 GiB nodes, a 2 vCPU database, a cache of about 6 GB).
 */
export const GCP_DEFAULTS = {
  /**
   * Release channel STABLE: "for production users who need stability above all else"; critical security
   * patches reach every channel (GKE "About release channels", cloud.google.com/kubernetes-engine/docs/
   * concepts/release-channels, read 2026-11-22). DALP is a stateful financial workload with a monthly patch
   * cadence (product docs, Cloud-Native (Recommended), maintenance table), so predictability beats features.
   */
  releaseChannel: "STABLE",
  /**
   * Minimum control-plane version: 1.35 is the newest minor in the Stable channel (GKE release notes, "Current
   * versions": Stable 1.34 to 1.35, default 1.35.6-gke.1250000, read 2026-11-22); standard support to
   * 2027-02-28 (endoflife.date/google-kubernetes-engine, read 2026-11-22). The channel then upgrades it inside the
   * maintenance window before that date.
   */
  kubernetesVersion: "1.35",
  /**
   * 4 vCPU / 16 GB general purpose (N2, Intel x86: not every DALP image is published for arm64), the shape of
   * the AWS default m7i.xlarge. N2 takes pd-balanced boot disks and is offered in every zone of the reference
   * regions (Compute Engine "General-purpose machine family", cloud.google.com/compute/docs/general-purpose-
   * machines, read 2026-11-22).
   */
  nodeType: "n2-standard-4",
  /** Boot disk per node, as on AWS (100 GB); pd-balanced is the SSD-backed default type for GKE nodes. */
  nodeDiskGb: 100,
  /**
   * Pods per node: 64 makes each node take a /25 of the pod range (GKE "Optimize IP address allocation",
   * cloud.google.com/kubernetes-engine/docs/how-to/flexible-pod-cidr, read 2026-11-22: a node reserves twice
   * its maximum pods), so the /17 pod range holds 256 nodes. Estimate of need: DALP with its exporters runs
   * well under 64 pods on a 4 vCPU node.
   */
  maxPodsPerNode: 64,
  /**
   * Cloud SQL Enterprise Plus, 2 vCPU / 16 GB (N2 series, PD-SSD). Enterprise Plus because it keeps up to 35
   * days of point-in-time recovery (Enterprise: 7), and the product docs ask for 30 (Backup and recovery, "What
   * gets backed up": PostgreSQL, 30 days); it also has the 99.99% SLA including maintenance and sub-second
   * maintenance downtime. Sources: Cloud SQL "Use point-in-time recovery" (cloud.google.com/sql/docs/postgres/
   * backup-recovery/pitr) and "Machine series overview" (cloud.google.com/sql/docs/postgres/machine-series-
   * overview: db-perf-optimized-N-2 = 2 vCPU, 16 GB), both read 2026-11-22.
   */
  postgresTier: "db-perf-optimized-N-2",
  /**
   * Memorystore for Redis memory in GB: 5 is the smallest size that allows read replicas ("Read replicas are
   * only supported for instance sizes with nodes >= 5 GB", cloud.google.com/memorystore/docs/redis/read-replicas,
   * read 2026-11-22), close to the 6.38 GiB of the AWS cache.m7g.large.
   */
  cacheMemoryGb: 5,
  /**
   * The restore drill's Memorystore: 1 GB, the smallest instance and gcloud's default size for a Basic Tier one
   * (gcloud redis instances create: `--size=SIZE; default=1`, `--tier=TIER; default="basic"`, read 2026-12-01).
   * The drill's DALP runs warm, with no traffic, so its queues stay small. Basic Tier, "one Redis node", keeps
   * in-transit encryption (Memorystore "Redis tier capabilities", Feature comparison: "In-transit encryption |
   * Yes" for every tier) and AUTH ("About Redis AUTH" names no tier); both read 2026-12-01.
   */
  drillCacheMemoryGb: 1,
  /**
   * Redis 7.2, the newest version Memorystore for Redis runs and its default (Memorystore "Supported versions",
   * cloud.google.com/memorystore/docs/redis/supported-versions, read 2026-11-22).
   */
  cacheVersion: "7.2",
  /**
   * GCS soft delete: 7 days, Google's default (cloud.google.com/storage/docs/soft-delete, read 2026-11-22). It
   * keeps hard-deleted objects (including noncurrent versions the lifecycle expires) and a deleted bucket
   * restorable for a week; versioning already covers the 90-day window, so a longer soft delete only adds cost.
   */
  softDeleteSeconds: 7 * 24 * 3600,
  /**
   * Cloud KMS key for GKE Secrets: rotated every 90 days, destroyed versions kept 30 days (Cloud KMS "Key
   * rotation" recommends automatic rotation; 30 days is the default destroy-scheduled duration,
   * cloud.google.com/kms/docs/key-rotation and .../destroy-restore, read 2026-11-22).
   */
  kmsRotationSeconds: 90 * 24 * 3600,
  kmsDestroyScheduledSeconds: 30 * 24 * 3600,
} as const;

/** Memorystore for Redis versions accepted for `dalp:cache.version`, and their API names. */
export const MEMORYSTORE_VERSIONS: Record<string, string> = {
  "7.2": "REDIS_7_2",
  "7.0": "REDIS_7_0",
  "6.x": "REDIS_6_X",
};

/**
 * Memorystore for Redis instance sizes in GB: read replicas need at least 5 ("read replicas" page above); 300 is
 * the largest Standard Tier instance (Memorystore "Redis tier capabilities", cloud.google.com/memorystore/docs/
 * redis/redis-tiers, read 2026-11-22).
 */
export const MEMORYSTORE_SIZE_GB = { min: 5, max: 300 } as const;

/** Cloud SQL for PostgreSQL major versions (Cloud SQL "Instance settings", database versions, read 2026-11-22). */
export const CLOUD_SQL_POSTGRES_VERSIONS = ["14", "15", "16", "17", "18"] as const;

/** Cloud SQL Enterprise Plus tiers are the predefined N2 machine types; every other tier is Enterprise. */
export function cloudSqlEdition(tier: string): "ENTERPRISE_PLUS" | "ENTERPRISE" {
  return /^db-(perf|memory)-optimized-n-/i.test(tier) ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

/** Point-in-time recovery window of each Cloud SQL edition (the pitr page above). */
export const CLOUD_SQL_PITR_MAX_DAYS = { ENTERPRISE_PLUS: 35, ENTERPRISE: 7 } as const;
