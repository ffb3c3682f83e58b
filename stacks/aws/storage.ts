import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../../components/aws/secureBucket";
import type { BucketPort, BucketsPort, StampContext } from "../../ports/adapter";
import type { AwsKeys } from "./network";

export interface AwsBuckets extends BucketsPort {
  appArn: pulumi.Output<string>;
  backupArn: pulumi.Output<string>;
  /** The buckets themselves, for replication between regions. */
  resources: { app: SecureBucket; backup: SecureBucket };
}

/**
 * The application and backup buckets of the region, each with its probe for the object-storage alert. They
 * need only the region's provider and key, so a vault (hot-cold's recovery region) declares them exactly as
 * the full stamp its rebuild becomes: the replicas that landed in them stay where they are.
 */
export function buildBuckets(ctx: StampContext, net: AwsKeys): AwsBuckets {
  const opts = { parent: ctx.parent, providers: [net.provider] };
  const retention = ctx.config.objectStorage.noncurrentVersionRetentionDays;
  const bucket = (purpose: "app" | "backup") => {
    const b = new SecureBucket(`${ctx.prefix}-${purpose}`, { purpose: `dalp-${purpose}`, kmsKeyArn: net.kms.key.arn, noncurrentVersionRetentionDays: retention }, opts);
    const port: BucketPort = {
      name: b.name,
      endpoint: pulumi.output(`https://s3.${ctx.stamp.region}.amazonaws.com`),
      region: ctx.stamp.region,
      probe: {
        url: pulumi.interpolate`https://${b.name}.s3.${ctx.stamp.region}.amazonaws.com/`,
        acceptedStatus: [403],
        source: "S3 answers AccessDenied (403) to an anonymous ListObjects on a bucket under Block Public Access; a missing bucket answers NoSuchBucket (404)",
      },
    };
    return { resource: b, port };
  };
  const app = bucket("app");
  const backup = bucket("backup");
  return { provider: "s3", app: app.port, backup: backup.port, appArn: app.resource.arn, backupArn: backup.resource.arn, resources: { app: app.resource, backup: backup.resource } };
}
