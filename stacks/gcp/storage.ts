import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../../components/gcp/secureBucket";
import type { BucketPort, BucketsPort, StampContext } from "../../ports/adapter";
import { GCP_DEFAULTS } from "./defaults";
import type { GcpKeys } from "./network";

export interface GcpBuckets extends BucketsPort {
  appBucket: SecureBucket;
  backupBucket: SecureBucket;
}

/** Google's global endpoint for Cloud Storage (JSON and XML APIs), which DALP and Velero talk to. */
const GCS_ENDPOINT = "https://storage.googleapis.com";

/**
 * The region's application and backup buckets. A full stamp and a region that holds only copies (hot-cold's
 * recovery region, where replication writes) both declare them here, from the provider alone: the same logical
 * names under the stamp component and the same location (create-only), so the rebuild keeps the buckets, their
 * auto-generated names and the copies in them.
 */
export function buildBuckets(ctx: StampContext, net: GcpKeys): GcpBuckets {
  const bucket = (purpose: "app" | "backup") =>
    new SecureBucket(`${ctx.prefix}-${purpose}`, {
      purpose: `dalp-${purpose}`,
      location: ctx.stamp.region,
      noncurrentVersionRetentionDays: ctx.config.objectStorage.noncurrentVersionRetentionDays,
      softDeleteSeconds: GCP_DEFAULTS.softDeleteSeconds,
    }, { parent: ctx.parent, providers: [net.provider] });
  const app = bucket("app");
  const backup = bucket("backup");
  const port = (b: SecureBucket): BucketPort => ({
    name: b.name,
    endpoint: pulumi.output(GCS_ENDPOINT),
    region: ctx.stamp.region,
    probe: {
      url: pulumi.interpolate`${GCS_ENDPOINT}/storage/v1/b/${b.name}`,
      acceptedStatus: [401, 403],
      source: "Cloud Storage answers an anonymous caller 401 (JSON API) or 403 (\"Anonymous caller does not have storage.objects.list access\"), cloud.google.com/storage/docs/troubleshooting, read 2026-11-22",
    },
  });
  return { provider: "gcs", app: port(app), backup: port(backup), appBucket: app, backupBucket: backup };
}
