import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecureBucketArgs {
  purpose: string;
  kmsKeyArn: pulumi.Input<string>;
  noncurrentVersionRetentionDays: number;
}

/**
 * An S3 bucket for data that must survive mistakes: versioning on, noncurrent versions kept for the
 * retention window and then expired, SSE-KMS with the region's key, every form of public access blocked,
 * ACLs disabled (bucket owner enforced), and TLS required by policy.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** S3 refuses a replication configuration on either side of a bucket pair until versioning is on. */
  readonly versioning: aws.s3.BucketVersioning;

  constructor(name: string, args: SecureBucketArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:SecureBucket", name, {}, opts);
    const child = { parent: this };

    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags: { purpose: args.purpose } }, { parent: this, protect: true });
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;

    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }, child);
    const versioning = (this.versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, child));
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
    }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
      bucket: this.bucket.id,
      rules: [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionRetentionDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    }, { parent: this, dependsOn: [versioning] });
    new aws.s3.BucketPolicy(`${name}-tls-only`, {
      bucket: this.bucket.id,
      policy: this.bucket.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      ),
    }, { parent: this, dependsOn: [publicAccess, ownership] });

    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
