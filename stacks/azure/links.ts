import { objectReplication } from "../../components/azure/objectReplication";
import type { StampHandles, VaultHandles } from "../../ports/adapter";
import type { BuiltPorts, LinkContext, LinkPorts } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { AzureCluster } from "./cluster";
import type { AzurePostgres } from "./data";
import type { AzureFoundation, AzureRegionBase } from "./network";
import { geoRestoreRegion } from "./regions";
import { AzureBuckets, CONTAINERS } from "./storage";
import { isCrossRegionReplica } from "../../topology/databaseIdentity";

export type AzureHandles = StampHandles<AzureFoundation, AzureCluster, AzureBuckets, AzurePostgres>;
/** A region that holds only copies: its provider and resource group, and the account replication writes into. */
export type AzureVaultHandles = VaultHandles<AzureRegionBase, AzureBuckets>;

type LinkOf<K extends Link["kind"]> = Extract<Link, { kind: K }>;

/**
 * The geo replica is complete when postgres() has built it: the server, and the peering and DNS links it must
 * be created after, are all part of it, because a resource can only wait for what exists when it is declared.
 * The link checks that the pair it names is the pair that was built, so a topology and a build that disagree
 * fail here instead of replicating the wrong way.
 */
export const databaseReplicationPort: NonNullable<LinkPorts<AzureHandles>["database-replication"]> = {
  modes: ["cross-region-replica"],
  build(link: LinkOf<"database-replication">, from: BuiltPorts<AzureHandles>, to: BuiltPorts<AzureHandles>): void {
    if (to.handles.postgres.sourceServerId === undefined) throw new Error(`${link.to} has no replica of ${link.from}'s database`);
    const db = to.stamp.database;
    if (!isCrossRegionReplica(db) || !("source" in db) || db.source !== from.stamp.region) {
      throw new Error(`database replication ${link.from} -> ${link.to}, but ${link.to}'s database is ${JSON.stringify(to.stamp.database)}`);
    }
  },
};

/**
 * The copy of the home server's backups in the recovery region is the server's own geo-redundant backup: Azure
 * copies "the backup data and transaction logs ... to the paired region asynchronously through storage
 * replication" (concepts-backup-restore, "Geo-redundant backup and restore", ms.date 2026-07-05, read
 * 2026-12-01), into storage the service keeps, so nothing is declared in the recovery region. The link checks what
 * the copy needs: the source keeps geo-redundant backups, and the recovery region is its paired region, the only
 * one geo-restore creates a server in. validateAzure has refused both already; this guards a port called without it.
 */
export const databaseBackupCopyPort: NonNullable<LinkPorts<AzureHandles, AzureVaultHandles>["database-backup-copy"]> = {
  build(link: LinkOf<"database-backup-copy">, from: BuiltPorts<AzureHandles>, to: BuiltPorts<AzureVaultHandles>): void {
    if (!from.handles.postgres.geoRedundantBackup) throw new Error(`${link.from}'s database keeps no geo-redundant backups to copy to ${link.to}`);
    const target = geoRestoreRegion(from.stamp.region);
    if (!("region" in target) || target.region !== to.stamp.region) {
      throw new Error(`${link.from}'s geo-redundant backups go to its paired region, not to ${link.to}${"why" in target ? ` (${target.why})` : ""}`);
    }
  },
};

/** The container of `to` that receives each bucket of `from`. */
const DESTINATION: Record<"app" | "backup", string> = {
  // The standby's application reads the same objects once it takes over; while it is standby it writes none.
  app: CONTAINERS.app,
  // Its Velero keeps writing its own backups to `backup`; the other region's arrive beside them.
  backup: CONTAINERS.backupReplica,
};

/**
 * Object replication of the listed buckets of `from` into `to`. The destination half lives in `to`'s account
 * and stamp, the source half in `from`'s. Recovery point: replication is asynchronous and the object
 * replication page read gives no time bound ("There's currently no SLA on how long it takes to replicate data
 * to the destination account", object-replication-overview, "How object replication works", read 2026-12-01);
 * the replication metrics on the policy show what is pending, and versions and deletes are replicated as well,
 * so the copy keeps the same 90-day history as its source.
 */
export const bucketReplicationPort: NonNullable<LinkPorts<AzureHandles, AzureVaultHandles>["bucket-replication"]> = {
  build(link: LinkOf<"bucket-replication">, from: BuiltPorts<AzureHandles>, to: BuiltPorts<AzureVaultHandles>, _ctx: LinkContext): void {
    const source = from.handles.buckets;
    const destination = to.handles.buckets;
    const containers = link.buckets.map((b) => ({ source: b === "app" ? CONTAINERS.app : CONTAINERS.backup, destination: DESTINATION[b] }));
    for (const c of containers) {
      if (!destination.storage.containers[c.destination]) throw new Error(`${link.to}'s account has no container ${c.destination} to replicate ${c.source} into`);
    }
    const side = (b: AzureBuckets, handles: BuiltPorts<AzureVaultHandles>) => ({
      resourceGroupName: b.resourceGroupName,
      accountName: b.storage.accountName,
      accountId: b.storage.account.id,
      provider: handles.handles.net.provider,
      parent: handles.ctx.parent,
    });
    objectReplication(`${from.ctx.prefix}-to-${to.stamp.region}-objects`, {
      source: side(source, from),
      destination: side(destination, to),
      containers,
      dependsOn: [...containers.map((c) => source.storage.containers[c.source]), ...containers.map((c) => destination.storage.containers[c.destination])],
    });
  },
};
