import type { Cloud } from "../../config/types";
import type { Command } from "../model";

/** A database as the cloud's CLI addresses it. */
export interface DatabaseRef {
  region: string;
  /** The stack's `postgres.identifier` output (or its lookup): instance id, server name, connection name. */
  identifier: string;
  /** Azure: the server's resource group. */
  resourceGroup?: string;
  /** Google Cloud: the project. */
  project?: string;
}

/** One bucket of a region, as the cloud's CLI names it. */
export interface BucketRef {
  region: string;
  name: string;
  project?: string;
}

export interface TrafficRef {
  /** `dalp:traffic.zone`: the DNS zone as the cloud names it. */
  zone?: string;
  hostname: string;
  routing: string;
  project?: string;
}

/**
 * One cloud's spelling of the reads the cloud-neutral steps need. The commands only read: a failover changes
 * the stack through `pulumi up`, never through a cloud CLI, so the state and the cloud cannot disagree. The one
 * exception is `afterPromotion`, for what a cloud takes only as a request of its own once a replica is a
 * primary; the stack ignores that setting from then on, so the two still agree.
 */
export interface CloudCommands {
  cloud: Cloud;
  /** The type modules of the managed PostgreSQL resources (`rds`, `dbforpostgresql`, `sql`): step 3's targets. */
  databaseModules: string[];
  /** How the cloud names promotion, for the step's summary. */
  promotion: string;
  describeDatabase(db: DatabaseRef, expect: string): Command;
  /**
   * What the cloud needs done to a database that has just become a primary (promoted, or restored from copies)
   * before it is production-ready, as its own request.
   */
  afterPromotion?(db: DatabaseRef): Command[];
  replicaLag(db: DatabaseRef): Command;
  /** The latest restorable point of the source's backups held in the standby region, where the cloud keeps one there. */
  latestBackup?(standby: DatabaseRef, source: DatabaseRef): Command;
  routing(traffic: TrafficRef): Command;
  /**
   * After a return, what copies into the returned region's bucket the objects the active region's bucket held
   * before replication towards it began, where the cloud's replication copies only new writes. `prefix`: only
   * the keys under it (a backup bucket replicates its region's Velero prefix). Absent where replication copies
   * existing objects too.
   */
  backfillBucket?(from: BucketRef, to: BucketRef, prefix?: string): Command;
  healthCheck(traffic: TrafficRef, region: string, id: string): Command;
  /**
   * What the cloud needs done by hand before the rebuild's update, in the recovery region only (Azure: its
   * half of the object replication policy, which keeps its containers read-only and which its account's lock
   * keeps from being deleted).
   */
  beforeRebuild?(recovery: { region: string; stack: string }): Command[];
  /** What can stop the rebuild's update on this cloud, and what to do then. */
  rebuildCaveat?: string;
  /** The newest object versions of a bucket, for a drill's object version check (read only). */
  objectVersions(bucket: BucketRef & { stack: string }): Command;
}
