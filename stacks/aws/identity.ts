import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import { PodIdentityRole } from "../../components/aws/podIdentityRole";
import type { BackupTargetPort, ServiceAccountRef, StampContext, WorkloadIdentityPort } from "../../ports/adapter";
import type { AwsCluster } from "./cluster";
import type { AwsFoundation } from "./network";
import type { AwsBuckets } from "./storage";

/** What a role may do with its one bucket. */
export type BucketAccess = "read-write" | "read-only";

/**
 * S3 actions for a role that reads and writes one bucket. In a standby region that bucket also holds the
 * active region's replicated objects, encrypted with this region's key, so the same grant reads them.
 */
function readWritePolicy(bucketArn: pulumi.Output<string>, kmsKeyArn: pulumi.Output<string>): pulumi.Output<string> {
  return pulumi.all([bucketArn, kmsKeyArn]).apply(([bucket, key]) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: [bucket] },
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: [`${bucket}/*`],
      },
      { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: [key] },
    ],
  }));
}

/**
 * S3 actions for a role that only reads one bucket: list it, get its objects and their older versions. Nothing
 * else is allowed, and IAM denies what no statement allows (IAM user guide, reference_policies_evaluation-logic,
 * read 2026-12-01): no put, no delete, no multipart upload, nothing on any other bucket.
 *
 * Reading an SSE-KMS object takes kms:Decrypt on its key and nothing more; writing one would take
 * kms:GenerateDataKey (S3 user guide, UsingKMSEncryption, "Permissions", read 2026-12-01), which is not granted.
 * The key is the region's, which also encrypts the database, the cache and Kubernetes secrets, so Decrypt is
 * granted only through S3 in this region (kms:ViaService, KMS developer guide, conditions-kms, read 2026-12-01)
 * and only for this bucket's data keys: with S3 Bucket Keys on (SecureBucket's bucketKeyEnabled) the encryption
 * context S3 sends is the bucket's ARN, without them the object's (S3 user guide, bucket-key and
 * UsingKMSEncryption "Encryption context", read 2026-12-01).
 */
function readOnlyPolicy(bucketArn: pulumi.Output<string>, kmsKeyArn: pulumi.Output<string>, region: string): pulumi.Output<string> {
  return pulumi.all([bucketArn, kmsKeyArn]).apply(([bucket, key]) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation"], Resource: [bucket] },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: [`${bucket}/*`] },
      {
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [key],
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucket, `${bucket}/*`] },
        },
      },
    ],
  }));
}

function podIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, name: string, bucketArn: pulumi.Output<string>, account: ServiceAccountRef, access: BucketAccess = "read-write") {
  return new PodIdentityRole(`${ctx.prefix}-${name}`, {
    clusterName: cluster.name,
    namespace: account.namespace,
    serviceAccount: account.name,
    policy: access === "read-only" ? readOnlyPolicy(bucketArn, net.kms.key.arn, ctx.stamp.region) : readWritePolicy(bucketArn, net.kms.key.arn),
  }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
}

/**
 * The DALP service account's Pod Identity role, on the application bucket only; `read-only` for the restore
 * drill's DALP, which reads production's objects and must never change them.
 */
export function buildAppIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef, access: BucketAccess = "read-write"): WorkloadIdentityPort {
  const role = podIdentity(ctx, net, cluster, "app-identity", buckets.appArn, account, access);
  return { serviceAccountAnnotations: {}, podLabels: {}, ready: role.association ? [role.association] : [] };
}

/** Velero's Pod Identity role and storage location, on the backup bucket only. */
export function buildBackupTarget(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): BackupTargetPort {
  const role = podIdentity(ctx, net, cluster, "velero-identity", buckets.backupArn, account);
  return {
    serviceAccountAnnotations: {},
    podLabels: {},
    ready: role.association ? [role.association] : [],
    pluginImage: VELERO_PLUGINS.aws,
    provider: "aws",
    bucket: buckets.backup.name,
    config: { region: ctx.stamp.region, kmsKeyId: net.kms.key.arn },
  };
}
