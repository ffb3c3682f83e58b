import * as pulumi from "@pulumi/pulumi";
import { VELERO_PLUGINS } from "../../addons/shared/chartVersions";
import { PodIdentityRole } from "../../components/aws/podIdentityRole";
import type { BackupTargetPort, ServiceAccountRef, StampContext, WorkloadIdentityPort } from "../../ports/adapter";
import type { AwsCluster } from "./cluster";
import type { AwsFoundation } from "./network";
import type { AwsBuckets } from "./storage";

/**
 * S3 actions for a role that reads and writes one bucket. In a standby region that bucket also holds the
 * active region's replicated objects, encrypted with this region's key, so the same grant reads them.
 */
function bucketPolicy(bucketArn: pulumi.Output<string>, kmsKeyArn: pulumi.Output<string>): pulumi.Output<string> {
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

function podIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, name: string, bucketArn: pulumi.Output<string>, account: ServiceAccountRef) {
  return new PodIdentityRole(`${ctx.prefix}-${name}`, {
    clusterName: cluster.name,
    namespace: account.namespace,
    serviceAccount: account.name,
    policy: bucketPolicy(bucketArn, net.kms.key.arn),
  }, { parent: ctx.parent, providers: [net.provider], dependsOn: cluster.ready });
}

/** The DALP service account's Pod Identity role, on the application bucket only. */
export function buildAppIdentity(ctx: StampContext, net: AwsFoundation, cluster: AwsCluster, buckets: AwsBuckets, account: ServiceAccountRef): WorkloadIdentityPort {
  const role = podIdentity(ctx, net, cluster, "app-identity", buckets.appArn, account);
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
