import * as aws from "@pulumi/aws";
import { BucketReplication } from "../../components/aws/bucketReplication";
import type { StampHandles, VaultHandles } from "../../ports/adapter";
import type { BuiltPorts, LinkContext, LinkPorts } from "../../ports/links";
import type { Link } from "../../topology/types";
import type { AwsCluster } from "./cluster";
import { type AwsPostgres, buildBackupsCopy } from "./data";
import type { AwsFoundation, AwsKeys } from "./network";
import type { AwsBuckets } from "./storage";

export type AwsHandles = StampHandles<AwsFoundation, AwsCluster, AwsBuckets, AwsPostgres>;
/** A region that holds only copies: its provider and key, and the buckets replication writes into. */
export type AwsVaultHandles = VaultHandles<AwsKeys, AwsBuckets>;
type AwsStamp = BuiltPorts<AwsHandles>;
/** Where copies land: a vault, or a full stamp, whose handles hold as much. */
type AwsDestination = BuiltPorts<AwsVaultHandles>;
type LinkOf<K extends Link["kind"]> = Extract<Link, { kind: K }>;

/**
 * What the cross-region replica needs beyond itself: the source's automated backups copied into the replica's
 * region (RDS cross-Region automated backup replication), under the standby's stamp, with the region's own key
 * and the source's PITR window (stacks/aws/data.ts, buildBackupsCopy, which the promoted database keeps).
 */
export function buildDatabaseReplication(_link: LinkOf<"database-replication">, from: AwsStamp, to: AwsStamp): aws.rds.InstanceAutomatedBackupsReplication {
  return buildBackupsCopy(to.ctx, to.handles.net, from.handles.postgres.arn);
}

/**
 * Hot-cold's copy: the home database's automated backups kept in the recovery region, which has no database
 * (the same copy as the standby's, buildBackupsCopy). It is declared in the vault's stamp, with its key, under
 * the name and parent the rebuilt stamp declares it with again, so the restore finds it there
 * (stacks/aws/data.ts, buildPostgres).
 */
export function buildBackupCopy(_link: LinkOf<"database-backup-copy">, from: AwsStamp, to: AwsDestination): aws.rds.InstanceAutomatedBackupsReplication {
  return buildBackupsCopy(to.ctx, to.handles.net, from.handles.postgres.arn);
}

/**
 * Each listed bucket of `from` into the bucket of the same purpose in `to`. The configuration sits on the
 * source buckets, so it belongs to the source's stamp, with its role: both go when that region does, and a
 * failover with that region down leaves them to the reconciliation.
 */
export function buildBucketReplication(link: LinkOf<"bucket-replication">, from: AwsStamp, to: AwsDestination, ctx: LinkContext): BucketReplication {
  const side = (s: AwsDestination, purpose: "app" | "backup") => {
    const b = s.handles.buckets.resources[purpose];
    return { purpose, name: b.name, arn: b.arn, versioning: b.versioning };
  };
  return new BucketReplication(`${from.ctx.prefix}-replication-${to.ctx.prefix}`, {
    account: ctx.facts.account,
    fromRegion: from.stamp.region,
    toRegion: to.stamp.region,
    fromKeyArn: from.handles.net.kms.key.arn,
    toKeyArn: to.handles.net.kms.key.arn,
    pairs: link.buckets.map((purpose) => ({ from: side(from, purpose), to: side(to, purpose) })),
    replicationTimeMinutes: 15,
  }, { parent: from.ctx.parent, providers: [from.handles.net.provider] });
}

export const AWS_DATA_LINKS: Pick<LinkPorts<AwsHandles, AwsVaultHandles>, "database-replication" | "database-backup-copy" | "bucket-replication"> = {
  "database-replication": { modes: ["cross-region-replica"], build: (link, from, to) => void buildDatabaseReplication(link, from, to) },
  "database-backup-copy": { build: (link, from, to) => void buildBackupCopy(link, from, to) },
  "bucket-replication": { build: (link, from, to, ctx) => void buildBucketReplication(link, from, to, ctx) },
};
