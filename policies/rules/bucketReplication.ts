import { viewOf, type Bucket, type View } from "../view";
import { DalpPolicy, stackRule } from "./kit";
import { failedOver } from "./multiRegion";

/**
 * Whether a replication target (an S3 ARN, an Azure account name or resource id, a GCS bucket name) is the
 * bucket: by an identifier, or by the last segment of an ARN or resource id.
 */
function isTarget(target: string, bucket: Bucket): boolean {
  const last = target.split(/[:/]/).filter((s) => s !== "").pop()?.toLowerCase();
  return bucket.ids.some((id) => id.toLowerCase() === target.toLowerCase()) || last === bucket.name.toLowerCase();
}

/** Buckets of the stack this bucket replicates into, outside its own region. */
function replicasElsewhere(view: View, bucket: Bucket): Bucket[] {
  return view.buckets.filter((other) => other !== bucket && bucket.replicatesTo.some((t) => isTarget(t, other)) && other.region !== bucket.region);
}

export const bucketReplicationRule: DalpPolicy = stackRule(
  {
    name: "dalp-dr-replicate-buckets",
    description: "In a multi-region stack, every bucket of the active region replicates its objects into the standby or recovery region.",
    severity: "high",
    // Objects written since the last backup exist only in the failed region otherwise: lost at failover.
    enforcementLevel: "mandatory",
    source:
      'Hot-warm active-standby, Production requirements: Object storage, "Align retention and replication with the recovery point objective"; Recovery metrics: RPO (object-storage replication posture)',
    remediationSteps:
      "AWS: an aws.s3.BucketReplicationConfig per bucket, destination the standby region's bucket (with a replica KMS key). Azure: an ObjectReplicationPolicy from the account to the standby region's account (or GZRS when the standby is the paired region). GCP: a Storage Transfer Service job with replicationSpec into the standby region's bucket (or a dual-region bucket).",
  },
  (args, report) => {
    const view = viewOf(args.resources);
    if (view.regions.length < 2) args.notApplicable("the stack runs in one region");
    if (failedOver(view)) args.notApplicable("the stack is failed over: nothing is written towards the isolated former region until it returns as the standby");
    // A standby (hot-warm) or a region that holds only copies (hot-cold's recovery region) receives them.
    const standbys = view.stamps.filter((s) => s.role === "standby" || s.role === "recovery");
    // With stamps: the active region's buckets, towards a standby's. Without: every bucket that is not itself
    // a replication target, towards any other region.
    const destinations = new Set(view.buckets.flatMap((b) => view.buckets.filter((o) => b.replicatesTo.some((t) => isTarget(t, o)))));
    const sources =
      view.stamps.length > 0 ? view.buckets.filter((b) => view.stampOf(b.urn)?.role === "active") : view.buckets.filter((b) => !destinations.has(b));
    if (view.stamps.length > 0 && standbys.length === 0) args.notApplicable("no region of the stack is a standby or recovery region");
    for (const b of sources) {
      if (b.geoRedundant) continue;
      const into = replicasElsewhere(view, b);
      const intoStandby = view.stamps.length > 0 ? into.filter((o) => standbys.some((s) => view.stampOf(o.urn)?.urn === s.urn)) : into;
      if (intoStandby.length === 0) {
        const where = view.stamps.length > 0 ? `the ${standbys[0].role} region ${standbys.map((s) => s.region).join(", ")}` : "another region";
        report(`${b.label} (region ${b.region ?? "unknown"}) replicates into no bucket of ${where}: objects written since the last backup are lost with the region.`, b.urn);
      }
    }
  },
);
