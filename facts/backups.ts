import { cite } from "./source";

const WHAT = cite("backup", "What gets backed up");
const CHART = cite("backup", "Chart-backed backup resources");

/** Backup and recovery, What gets backed up: PostgreSQL by managed PITR or WAL shipping, continuous, 30 days. */
export const POSTGRES_PITR_DAYS = { value: 30, source: `${WHAT}: PostgreSQL data, continuous, 30 days` } as const;

/** Backup and recovery, What gets backed up: object storage by bucket versioning, automatic, 90 days. */
export const OBJECT_VERSION_DAYS = { value: 90, source: `${WHAT}: Object storage, bucket versioning, 90 days` } as const;

/** The surfaces Velero backs up, each a schedule of its own. */
export type BackupSurface = "kubernetes" | "support" | "observability";

/**
 * One row of the backup table as a cadence and a retention: the longest the schedule may leave between two
 * backups, and the shortest it may keep each one.
 */
export interface BackupTier {
  /** Name of the tier and of its Velero schedule (`dalp-<tier>`). */
  tier: "hourly" | "daily" | "weekly" | "support" | "observability";
  surface: BackupSurface;
  /** The longest gap between two runs, in minutes. */
  maxGapMinutes: number;
  /** The shortest time each backup is kept, in hours. */
  minRetentionHours: number;
  /** The schedule this project uses by default, within the gap. */
  defaultSchedule: string;
  source: string;
}

/**
 * Kubernetes resources: "Velero backups, with snapshots when available; Hourly/Daily/Weekly; 48h/7d/30d".
 * Observability data: "Velero backups when self-hosted; Daily; 3 days". The support chart: "the default schedule
 * runs every 4 hours with a 7-day TTL and excludes Kubernetes event resources". The daily tier runs at the
 * chart's default time, 02:00 (`backup.schedule.cron`).
 */
export const BACKUP_TIERS: readonly BackupTier[] = [
  { tier: "hourly", surface: "kubernetes", maxGapMinutes: 60, minRetentionHours: 48, defaultSchedule: "0 * * * *", source: `${WHAT}: Kubernetes resources, hourly, 48h` },
  { tier: "daily", surface: "kubernetes", maxGapMinutes: 24 * 60, minRetentionHours: 7 * 24, defaultSchedule: "0 2 * * *", source: `${WHAT}: Kubernetes resources, daily, 7d; ${CHART}: backup.schedule.cron 0 2 * * *` },
  { tier: "weekly", surface: "kubernetes", maxGapMinutes: 7 * 24 * 60, minRetentionHours: 30 * 24, defaultSchedule: "0 3 * * 0", source: `${WHAT}: Kubernetes resources, weekly, 30d` },
  { tier: "support", surface: "support", maxGapMinutes: 4 * 60, minRetentionHours: 7 * 24, defaultSchedule: "0 */4 * * *", source: `${CHART}: the support chart's schedule, every 4 hours, 7-day TTL` },
  { tier: "observability", surface: "observability", maxGapMinutes: 24 * 60, minRetentionHours: 3 * 24, defaultSchedule: "30 2 * * *", source: `${WHAT}: Observability data, daily, 3 days` },
];

export type BackupTierName = BackupTier["tier"];

/** What every DALP schedule does, from the chart's defaults (Chart-backed backup resources). */
export const CHART_BACKUP_DEFAULTS = {
  /** `backup.includeAllPVCs: true`: volumes by filesystem backup. */
  volumesByFilesystemBackup: true,
  /** "excludes Kubernetes event resources". */
  excludedResources: ["events", "events.events.k8s.io"],
  /** `backup.schedule.paused: false`. */
  paused: false,
  source: CHART,
} as const;
