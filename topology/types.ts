import type { ZoneSpec } from "../config/types";

/**
 * What a region does in the pattern right now.
 * - active: serves traffic.
 * - standby: a full stamp kept warm; takes over by promotion (hot-warm).
 * - recovery: holds only copies of backups; a stamp is rebuilt there on demand (hot-cold).
 * - cold: a former active region after failover, kept isolated (no traffic, no workloads, no validators)
 *   until reconciliation decides whether it returns (product docs, hot-warm failover step 8).
 */
export type StampRole = "active" | "standby" | "recovery" | "cold";

/** How the region's PostgreSQL came to be and what it follows. Fixed identity; only promotion changes it. */
export type DatabasePlacement =
  /** The original primary of the deployment. */
  | { kind: "primary" }
  /** An asynchronous cross-region replica of `source`. */
  | { kind: "replica"; source: string }
  /**
   * A replica of `formerSource` that failover promoted to a standalone primary (an in-place update).
   * `formerSourceReseeded`: the return has since replaced that source by a replica of this one, so nothing of
   * it is left to follow or to copy backups from.
   */
  | { kind: "promoted"; formerSource: string; formerSourceReseeded?: true }
  /**
   * A former primary that failover left behind; isolated, it no longer receives writes. `released`: the
   * return's first step (`dalp:reseed` step `release`) has lifted its protections, so the next step may
   * delete it.
   */
  | { kind: "former-primary"; released?: true }
  /**
   * The return's second step: a new replica of `source` in place of the former primary, which is deleted. A
   * resource of its own, never the former primary's identity (its data diverged at the failover). `promoted`:
   * a later failover back to this region (after `dalp:reseed` step `returned`) promoted it in place, as any
   * replica is; the program first checks the cloud that it exists.
   */
  | { kind: "reseeded"; source: string; promoted?: true }
  /** A cluster of a CloudNativePG distributed topology; `primary` names the cluster that takes writes. */
  | { kind: "distributed"; primary: string }
  /** No database; automated backups and snapshots of `source` are copied here. */
  | { kind: "backup-copy"; source: string }
  /**
   * Restored from the copies of `source`'s backups kept in this region (hot-cold's rebuild, `dalp:recover`): a
   * new database of its own, never `source`'s identity. `pointInTime`: the moment restored to (ISO 8601, UTC);
   * absent, the latest the copies hold.
   */
  | { kind: "restored"; source: string; pointInTime?: string };

export interface Stamp {
  region: string;
  role: StampRole;
  zones: ZoneSpec;
  cidr: string;
  /** Whether a Kubernetes cluster and its data services are built in this region. */
  cluster: boolean;
  /** DALP workloads: serving traffic, started but not serving, scaled to zero, or not present. */
  workloads: "serving" | "warm" | "isolated" | "none";
  /** Consortium validators: producing blocks, staged but stopped, or not part of the pattern. */
  validators: "on" | "off" | "none";
  database: DatabasePlacement;
}

export type Link =
  | { kind: "database-replication"; from: string; to: string; mode: "cross-region-replica" | "cnpg-replica-cluster" }
  | { kind: "database-backup-copy"; from: string; to: string }
  | { kind: "bucket-replication"; from: string; to: string; buckets: Array<"app" | "backup"> }
  | {
      kind: "traffic";
      routing: "regional" | "failover" | "latency";
      /** Regions that receive traffic, in priority order for failover routing. */
      targets: string[];
      healthChecked: boolean;
    };

/**
 * The return of the region a failover left behind, in the steps `dalp:reseed` names: `release` its database,
 * `recreate` it as a replica of the active region, and `returned` once that replica exists, from which a
 * failover back to it is possible. `recreate` and `returned` describe the same stack; only `returned` may be
 * combined with `primaryRegion` back at home, so a single edit can never both create the replica and promote it.
 */
export interface Reseed {
  region: string;
  step: "release" | "recreate" | "returned";
}

/**
 * Hot-cold's rebuild: `region`, which holds only copies, becomes the active region, built from them, with the
 * database restored to `pointInTime` (ISO 8601, UTC) or, without one, to the latest moment the copies hold.
 */
export interface Recover {
  region: string;
  pointInTime?: string;
}

export interface Topology {
  pattern: string;
  primaryRegion: string;
  /** The region whose database is the origin of the data (the first configured region). */
  homeRegion: string;
  stamps: Stamp[];
  links: Link[];
}
