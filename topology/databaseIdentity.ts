import type { DatabasePlacement } from "./types";

/**
 * The part of a database's names that tells the re-seeded replica from the former primary it replaces. The
 * replica is a new resource under new names (logical name, and the cloud's own name or identifier), never the
 * former primary's: that one still exists while the replica is created (the engine creates before it deletes,
 * and RDS identifiers and Flexible Server names are unique), and its data diverged at the failover.
 */
export function databaseNameSuffix(placement: DatabasePlacement): string {
  // The restored database is new too: created from the copies, beside whatever the failed region still holds.
  return placement.kind === "reseeded" ? "-reseeded" : placement.kind === "restored" ? "-restored" : "";
}

/** The logical name of a region's database component (`eu-central-1-postgres`, `eu-central-1-postgres-reseeded`). */
export function databaseComponentName(region: string, placement: DatabasePlacement): string {
  return `${region}-postgres${databaseNameSuffix(placement)}`;
}

/**
 * Whether the placement promotes a re-seeded replica, which must exist already: a stack that skipped
 * `recreate` and fails back at once would otherwise create an empty or unseeded database to serve from.
 * Before that, `returned` describes the same stack as `recreate`, so skipping it is only the recreate itself.
 */
export function mustExistAlready(placement: DatabasePlacement): boolean {
  return placement.kind === "reseeded" && placement.promoted === true;
}

/** Whether the return's first step has released this database for deletion (`dalp:reseed` step `release`). */
export function isReleased(placement: DatabasePlacement): boolean {
  return placement.kind === "former-primary" && placement.released === true;
}

/** Whether the database is an asynchronous replica of another region's, replaying its WAL (a replica, or the re-seeded one until promoted). */
export function isCrossRegionReplica(placement: DatabasePlacement): boolean {
  return placement.kind === "replica" || (placement.kind === "reseeded" && !placement.promoted);
}
