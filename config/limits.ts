import type { Cloud } from "./schema";

/** A documented bound of a managed service, kept beside the page it comes from. */
export interface Limit {
  min: number;
  max: number;
  /** What the bound is, in the words the error message uses. */
  what: string;
  source: string;
  /** When the source was read. */
  checked: string;
}

export interface CloudLimits {
  postgresBackupRetentionDays: Limit;
  /** Whether point-in-time recovery can be switched off independently of backups. */
  postgresPitrOptional: boolean;
  cacheSnapshotRetentionDays: Limit;
  zonesPerRegion: Limit;
  /** Replicas per cache primary: the default and the range the managed service allows. */
  cacheReplicas: Limit & { default: number };
  /** Cache engines the cloud's managed service runs; the first is the default. */
  cacheEngines: ReadonlyArray<"valkey" | "redis">;
  /** Whether automated database backups can be kept in a second region by a setting of the service. */
  postgresGeoRedundantBackup: boolean;
  /** Whether `dalp:account` must be set (the provider cannot infer it safely). */
  accountRequired: boolean;
  /** How an account id is spelt, for validation. */
  accountPattern: { regex: RegExp; example: string };
}

const CHECKED = "2026-11-22";

export const CLOUD_LIMITS: Record<Cloud, CloudLimits> = {
  aws: {
    postgresBackupRetentionDays: {
      min: 1,
      max: 35,
      what: "RDS automated backup retention (0 would switch backups and PITR off)",
      source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
      checked: CHECKED,
    },
    // RDS always offers point-in-time restore inside the automated-backup window.
    postgresPitrOptional: false,
    cacheSnapshotRetentionDays: {
      min: 0,
      max: 35,
      what: "ElastiCache SnapshotRetentionLimit",
      source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
      checked: CHECKED,
    },
    zonesPerRegion: {
      min: 2,
      max: 6,
      what: "availability zones per region (us-east-1 has the most, 6)",
      source: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html",
      checked: CHECKED,
    },
    cacheReplicas: {
      default: 2,
      min: 1,
      max: 5,
      what: "ElastiCache replicas per node group (the primary plus up to 5)",
      source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.html",
      checked: CHECKED,
    },
    cacheEngines: ["valkey", "redis"],
    // Cross-region copies of RDS backups are a separate resource, built by the hot-cold pattern.
    postgresGeoRedundantBackup: false,
    accountRequired: false,
    accountPattern: { regex: /^\d{12}$/, example: "123456789012" },
  },
  azure: {
    postgresBackupRetentionDays: {
      min: 7,
      max: 35,
      what: "Azure Database for PostgreSQL Flexible Server backup retention",
      source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
      checked: CHECKED,
    },
    // Flexible Server restores to any point inside the retention window; there is no switch.
    postgresPitrOptional: false,
    cacheSnapshotRetentionDays: {
      min: 0,
      max: 0,
      what: "Azure Cache snapshot retention (RDB persistence is configured by frequency, not by retention days)",
      source: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence",
      checked: CHECKED,
    },
    zonesPerRegion: {
      min: 2,
      max: 3,
      what: "availability zones per Azure region",
      source: "https://learn.microsoft.com/azure/reliability/availability-zones-overview",
      checked: CHECKED,
    },
    cacheReplicas: {
      default: 1,
      min: 1,
      max: 1,
      what: "Azure Managed Redis replicas per shard: high availability keeps exactly one, on a node in another zone",
      source: "https://learn.microsoft.com/azure/reliability/reliability-managed-redis",
      checked: CHECKED,
    },
    cacheEngines: ["redis"],
    postgresGeoRedundantBackup: true,
    accountRequired: false,
    accountPattern: { regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, example: "00000000-0000-0000-0000-000000000000 (a subscription id)" },
  },
  gcp: {
    postgresBackupRetentionDays: {
      min: 1,
      max: 35,
      what: "Cloud SQL transactionLogRetentionDays, the PITR window (1-7 on Enterprise, 1-35 on Enterprise Plus)",
      source: "https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr",
      checked: CHECKED,
    },
    postgresPitrOptional: true,
    cacheSnapshotRetentionDays: {
      min: 0,
      max: 0,
      what: "Memorystore for Redis snapshot retention (RDB snapshots are configured by period, not by retention days)",
      source: "https://cloud.google.com/memorystore/docs/redis/about-rdb-snapshots",
      checked: CHECKED,
    },
    zonesPerRegion: {
      min: 2,
      max: 4,
      what: "zones per Google Cloud region",
      source: "https://cloud.google.com/compute/docs/regions-zones",
      checked: CHECKED,
    },
    cacheReplicas: {
      default: 2,
      min: 1,
      max: 5,
      what: "Memorystore for Redis read replicas (Standard tier, 1 to 5)",
      source: "https://cloud.google.com/memorystore/docs/redis/read-replicas",
      checked: CHECKED,
    },
    cacheEngines: ["redis"],
    // Cloud SQL keeps backups in a multi-region location by default; there is nothing to switch on.
    postgresGeoRedundantBackup: false,
    accountRequired: true,
    accountPattern: { regex: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, example: "my-project-123456 (a project id)" },
  },
  kubernetes: {
    postgresBackupRetentionDays: {
      min: 1,
      max: 3650,
      what: "CloudNativePG retentionPolicy in days",
      source: "https://cloudnative-pg.io/documentation/current/backup/#retention-policies",
      checked: CHECKED,
    },
    postgresPitrOptional: true,
    cacheSnapshotRetentionDays: {
      min: 0,
      max: 3650,
      what: "Valkey snapshot retention in days",
      source: "estimate: no service limit; bounded only by the backup bucket",
      checked: CHECKED,
    },
    zonesPerRegion: {
      min: 2,
      max: 16,
      what: "failure domains (topology.kubernetes.io/zone values) per site",
      source: "estimate: no platform limit; 16 is a sanity bound",
      checked: CHECKED,
    },
    cacheReplicas: { default: 2, min: 1, max: 5, what: "Valkey replicas", source: "estimate: a sanity bound, as for the managed services", checked: CHECKED },
    cacheEngines: ["valkey", "redis"],
    postgresGeoRedundantBackup: false,
    accountRequired: false,
    accountPattern: { regex: /^.+$/, example: "a cluster name" },
  },
};

/** How many regions (stamps) each pattern is built from. */
export const PATTERN_REGIONS: Record<string, { min: number; max: number; why: string }> = {
  "cloud-native": { min: 1, max: 1, why: "cloud-native is one region with nodes across its zones" },
  "hot-warm": { min: 2, max: 2, why: "hot-warm is one active region and one warm standby region" },
  "hot-cold": { min: 2, max: 2, why: "hot-cold is one active region and one recovery region holding backup copies" },
  "hot-hot-public": { min: 2, max: 2, why: "hot-hot on a public EVM chain runs two active clusters in two regions" },
  "hot-hot-consortium": {
    min: 4,
    max: 8,
    why: "consortium validators keep BFT quorum after losing a whole region only when no region holds more than f of n = 3f+1 validators, which takes at least 4 regions",
  },
};

/** As many stand-in region names as a pattern needs at least: for asking what the pattern does at all. */
export function standInRegionNames(pattern: string): string[] {
  return Array.from({ length: PATTERN_REGIONS[pattern].min }, (_, i) => `region-${i}`);
}
