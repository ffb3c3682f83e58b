import * as storage from "@pulumi/gcp/storage";
import { BucketReplication, ReplicationAgents } from "../../components/gcp/bucketReplication";
import type { StampHandles } from "../../ports/adapter";
import type { BuiltPorts, LinkContext, LinkPorts } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { GcpCluster } from "./cluster";
import type { GcpPostgres } from "./data";
import type { GcpFoundation, GcpProviders } from "./network";
import type { GcpBuckets } from "./storage";
import { buildTraffic } from "./traffic";
import type { GcpVault } from "./vault";

export type GcpHandles = StampHandles<GcpFoundation, GcpCluster, GcpBuckets, GcpPostgres>;
type Built = BuiltPorts<GcpHandles>;
/** A link's destination: a full stamp, or a region that holds only copies (a full stamp holds as much). */
type Destination = BuiltPorts<GcpVault>;
type BucketLink = Extract<Link, { kind: "bucket-replication" }>;

/**
 * Nothing beyond the replica itself. Cloud SQL keeps automated backups in the multi-region that holds the
 * instance's region by default (Cloud SQL "About Cloud SQL backups", Backup locations: default locations are
 * multi-regional, e.g. `eu` for europe-west1, read 2026-12-01), so the source's backups already survive the loss of
 * its region without a copy job; the replica is the cross-region copy of the data. The DR-replica designation of
 * Enterprise Plus (`replicationCluster.failoverDrReplicaName` on the primary) is not set: Cloud SQL accepts it only
 * once both instances exist ("This field can be set if the primary has psa_write_endpoint set or both the primary
 * and replica are created", provider docs, @pulumi/gcp 9.37), which a single `pulumi up` that creates both cannot
 * order without a cycle, and the failover this stack makes is a promotion, which does not use it.
 */
function databaseReplication(): void {}

/**
 * Nothing beyond the source database's own setting. Cloud SQL writes a primary's automated backups to the
 * location its `settings.backupConfiguration.location` names, a region or a multi-region (Cloud SQL "Manage
 * standard backups", Set a custom location for backups; provider docs `backup_configuration.location`, read
 * 2026-12-01), so the copy is the home primary's backups written straight into the recovery region, which
 * `postgres()` of the home stamp sets (stacks/gcp/data.ts, topology/backupCopy.ts): no copy job, no resource in
 * the recovery region, and nothing for the rebuild to keep.
 */
function databaseBackupCopy(): void {}

/**
 * Each listed bucket of `from` replicated into the bucket of the same purpose in `to`. The backup bucket is
 * replicated under the source region's prefix only: that is where its Velero writes, and the destination's own
 * Velero writes under its own region, which is not sent back. The destination may be hot-cold's recovery region,
 * which holds nothing but the buckets (stacks/gcp/vault.ts). When that region is rebuilt the link is gone, and
 * with it the destination's grants to the transfer agent: their deletion is a call on the recovery region's own
 * buckets, and it is wanted, since a home region that comes back must not overwrite the rebuilt region's objects
 * with its own. The jobs sit in the home stamp, which the rebuild's targeted update leaves alone.
 */
const bucketReplication = (providers: () => GcpProviders) => (link: BucketLink, from: Built, to: Destination, ctx: LinkContext): void => {
  const provider = from.handles.net.provider;
  const project = from.handles.net.project;
  // Both lookups create the service agent if the project has none yet (googleServiceAccounts.get and
  // projects.serviceAccount.get, provider docs for storage.getTransferProjectServiceAccount and
  // storage.getProjectServiceAccount, @pulumi/gcp 9.37); a grant to an agent that does not exist is refused.
  const global = providers().global();
  const transferAgent = storage.getTransferProjectServiceAccountOutput({ project }, { provider: global }).email;
  const storageAgent = storage.getProjectServiceAccountOutput({ project }, { provider: global }).emailAddress;
  const agents = new ReplicationAgents(`${from.stamp.region}-to-${to.stamp.region}-replication-agents`, { project, transferAgent, storageAgent, provider: global }, { parent: ctx.global });
  for (const purpose of link.buckets) {
    const source = purpose === "app" ? from.handles.buckets.appBucket : from.handles.buckets.backupBucket;
    const destination = purpose === "app" ? to.handles.buckets.appBucket : to.handles.buckets.backupBucket;
    new BucketReplication(`${from.stamp.region}-${purpose}-to-${to.stamp.region}`, {
      project,
      purpose: `${purpose} bucket`,
      source: source.name,
      destination: destination.name,
      includePrefixes: purpose === "backup" ? [`${from.stamp.region}/`] : undefined,
      transferAgent,
      sourceProvider: provider,
      destinationProvider: to.handles.net.provider,
      sourceParent: from.ctx.parent,
      destinationParent: to.ctx.parent,
      after: agents.grants,
    });
  }
};

/** The GCP link ports; global resources go through the stack's global provider. */
export function gcpLinks(providers: () => GcpProviders): LinkPorts<GcpHandles, GcpVault> {
  return {
    "database-replication": { modes: ["cross-region-replica"], build: databaseReplication },
    "database-backup-copy": { build: databaseBackupCopy },
    "bucket-replication": { build: bucketReplication(providers) },
    traffic: { routings: ["regional", "failover"], build: buildTraffic(providers) },
  };
}
