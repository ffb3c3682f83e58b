import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One side of a replicated bucket pair. */
export interface ReplicatedBucket {
  /** Logical purpose, for resource names: `app`, `backup`. */
  purpose: string;
  name: pulumi.Input<string>;
  arn: pulumi.Input<string>;
  /** The bucket's versioning: S3 refuses replication until it is on, on both sides. */
  versioning: pulumi.Resource;
}

export interface BucketReplicationArgs {
  account: string;
  fromRegion: string;
  toRegion: string;
  /** The key the source buckets' objects are encrypted with (SSE-KMS). */
  fromKeyArn: pulumi.Input<string>;
  /** The destination region's key: replicas are encrypted with it, so readers in that region need only it. */
  toKeyArn: pulumi.Input<string>;
  pairs: Array<{ from: ReplicatedBucket; to: ReplicatedBucket }>;
  /**
   * Minutes within which S3 Replication Time Control replicates 99.99 % of objects, under its SLA; 15 is the
   * only value S3 accepts.
   */
  replicationTimeMinutes: 15;
}

/**
 * S3 cross-region replication of each source bucket into its counterpart: every new object version, delete
 * markers too, SSE-KMS objects re-encrypted with the destination region's key, under Replication Time Control.
 * The role S3 assumes may read for replication from the source buckets and replicate into the destination
 * buckets only, and use each key only through S3 in its own region for those buckets.
 *
 * Objects written before the configuration exists are not replicated (that takes S3 Batch Replication); on a
 * new stack both buckets start empty.
 */
export class BucketReplication extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly configs: aws.s3.BucketReplicationConfig[];

  constructor(name: string, args: BucketReplicationArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:BucketReplication", name, {}, opts);
    const child = { parent: this };

    // aws:SourceAccount keeps another account's bucket from having S3 assume this role (the confused-deputy
    // guard of the S3 user guide, setting-repl-config-perm-overview, read 2026-12-01).
    this.role = new aws.iam.Role(`${name}-role`, {
      description: `S3 replication ${args.fromRegion} -> ${args.toRegion}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": args.account } } }],
      }),
    }, child);

    const from = args.pairs.map((p) => p.from.arn);
    const to = args.pairs.map((p) => p.to.arn);
    const policy = pulumi.all([pulumi.all(from), pulumi.all(to), args.fromKeyArn, args.toKeyArn]).apply(([src, dst, srcKey, dstKey]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadReplicationConfig", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: src },
          {
            Sid: "ReadSourceVersions",
            Effect: "Allow",
            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resource: src.map((b) => `${b}/*`),
          },
          { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: dst.map((b) => `${b}/*`) },
          // With S3 Bucket Keys the encryption context is the bucket's ARN, without them the object's: both are
          // allowed (S3 user guide, replication-config-for-kms-objects, "Granting additional permissions", and
          // bucket-key, "Changes to note before enabling", read 2026-12-01).
          {
            Sid: "DecryptSource",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: srcKey,
            Condition: {
              StringEquals: { "kms:ViaService": `s3.${args.fromRegion}.amazonaws.com` },
              StringLike: { "kms:EncryptionContext:aws:s3:arn": src.flatMap((b) => [b, `${b}/*`]) },
            },
          },
          {
            Sid: "EncryptReplicas",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: dstKey,
            Condition: {
              StringEquals: { "kms:ViaService": `s3.${args.toRegion}.amazonaws.com` },
              StringLike: { "kms:EncryptionContext:aws:s3:arn": dst.flatMap((b) => [b, `${b}/*`]) },
            },
          },
        ],
      }),
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, { role: this.role.name, policy }, child);

    this.configs = args.pairs.map(
      (p) =>
        new aws.s3.BucketReplicationConfig(`${name}-${p.from.purpose}`, {
          bucket: p.from.name,
          role: this.role.arn,
          rules: [
            {
              id: `to-${args.toRegion}`,
              status: "Enabled",
              // An empty filter selects the V2 schema, which delete-marker replication and RTC need.
              filter: {},
              // Deletes arrive as delete markers: the standby sees what the active region sees, and the
              // noncurrent versions stay recoverable for the buckets' retention on both sides.
              deleteMarkerReplication: { status: "Enabled" },
              sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
              destination: {
                bucket: p.to.arn,
                encryptionConfiguration: { replicaKmsKeyId: args.toKeyArn },
                // RTC: 99.99 % of objects within 15 minutes, under the S3 SLA, and a metric per rule to alert on;
                // without it most objects replicate in seconds but some take hours, which the page's RPO of
                // 5 to 60 minutes does not allow (S3 user guide, replication-time-control, read 2026-12-01).
                // RTC requires replication metrics at the same threshold.
                replicationTime: { status: "Enabled", time: { minutes: args.replicationTimeMinutes } },
                metrics: { status: "Enabled", eventThreshold: { minutes: args.replicationTimeMinutes } },
              },
            },
          ],
        }, { parent: this, dependsOn: [p.from.versioning, p.to.versioning, rolePolicy] }),
    );
    this.registerOutputs({ roleArn: this.role.arn });
  }
}
