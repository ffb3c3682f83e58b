import * as storage from "@pulumi/gcp/storage";
import * as pulumi from "@pulumi/pulumi";

export interface SecureBucketArgs {
  purpose: string;
  /** A region (e.g. europe-west1): objects are stored redundantly across that region's zones. */
  location: string;
  noncurrentVersionRetentionDays: number;
  softDeleteSeconds: number;
}

/**
 * A GCS bucket for data that must survive mistakes: versioning on, noncurrent versions kept for the retention
 * window and then deleted, soft delete for hard deletes, uniform bucket-level access (IAM only, no object
 * ACLs), public access prevention enforced, and no force-destroy. The name is auto-generated: unique across all
 * of GCS, not guessable in advance (no bucket squatting), and no project id in the global namespace.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: storage.Bucket;
  readonly name: pulumi.Output<string>;

  constructor(name: string, args: SecureBucketArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:SecureBucket", name, {}, opts);
    this.bucket = new storage.Bucket(`${name}-bucket`, {
      location: args.location.toUpperCase(),
      storageClass: "STANDARD",
      versioning: { enabled: true },
      lifecycleRules: [
        {
          // `daysSinceNoncurrentTime` counts from the moment a version stopped being live (overwritten or
          // deleted), the same clock as S3's NoncurrentDays; `ARCHIVED` restricts the rule to such versions.
          condition: { daysSinceNoncurrentTime: args.noncurrentVersionRetentionDays, withState: "ARCHIVED" },
          action: { type: "Delete" },
        },
        {
          // Parts of abandoned XML multipart uploads are billed until removed.
          condition: { age: 7 },
          action: { type: "AbortIncompleteMultipartUpload" },
        },
      ],
      softDeletePolicy: { retentionDurationSeconds: args.softDeleteSeconds },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      forceDestroy: false,
      // The provider refuses to delete the bucket even if `protect` is lifted by mistake.
      deletionPolicy: "PREVENT",
      // The stack's labels come from the provider's default labels.
      labels: { purpose: args.purpose },
    }, { parent: this, protect: true });
    this.name = this.bucket.name;
    this.registerOutputs({ name: this.name, url: this.bucket.url });
  }
}
