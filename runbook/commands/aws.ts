import type { CloudCommands } from "./types";

const BUCKET = "@bucket@";

/** The Batch Replication manifest of the objects of `bucket` (under `prefix`) that replication has not copied. */
function manifest(bucket: string, prefix?: string) {
  const filter = { EligibleForReplication: true, ObjectReplicationStatuses: ["NONE", "FAILED"], ...(prefix ? { KeyNameConstraint: { MatchAnyPrefix: [prefix] } } : {}) };
  return { S3JobManifestGenerator: { SourceBucket: `arn:aws:s3:::${bucket}`, EnableManifestOutput: false, Filter: filter } };
}

/** AWS CLI v2 spellings of the runbook's reads. */
export const AWS_COMMANDS: CloudCommands = {
  cloud: "aws",
  databaseModules: ["rds"],
  // Promoting a read replica is an in-place modification: the replica reboots and becomes a standalone
  // instance (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html, read 2026-12-01).
  promotion: "RDS promotes the read replica in place when `replicateSourceDb` is removed (the instance reboots once and keeps its identifier and endpoint)",
  describeDatabase: (db, expect) => ({
    run: `aws rds describe-db-instances --region ${db.region} --db-instance-identifier ${db.identifier} --query 'DBInstances[0].{status:DBInstanceStatus,replicaOf:ReadReplicaSourceDBInstanceIdentifier,multiAz:MultiAZ}'`,
    expect,
    calls: `RDS in ${db.region}`,
  }),
  // ReplicaLag: seconds a read replica is behind its source (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html, read 2026-12-01).
  replicaLag: (db) => ({
    run: `aws cloudwatch get-metric-statistics --region ${db.region} --namespace AWS/RDS --metric-name ReplicaLag --dimensions Name=DBInstanceIdentifier,Value=${db.identifier} --statistics Maximum --period 60 --start-time "$(date -u -d '-60 min' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)"`,
    expect: "the replica's lag in seconds minute by minute; the last value reported before the source failed bounds the writes the replica is missing",
    calls: `CloudWatch in ${db.region}`,
  }),
  // Automated backups replicated to another Region are listed in that Region with the source's identifier and
  // their restore window (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html, read 2026-12-01).
  latestBackup: (standby, source) => ({
    run: `aws rds describe-db-instance-automated-backups --region ${standby.region} --query "DBInstanceAutomatedBackups[?DBInstanceIdentifier=='${source.identifier}'].{status:Status,latest:RestoreWindow.LatestTime,earliest:RestoreWindow.EarliestTime}"`,
    expect: `the latest restorable time of ${source.identifier}'s backups copied into ${standby.region}: the fallback point if the replica cannot be promoted`,
    calls: `RDS in ${standby.region}`,
  }),
  // Live replication copies only objects written after the configuration exists; S3 Batch Replication copies the
  // rest, with a Batch Operations role the stack does not create (S3 user guide, s3-batch-replication-existing-config,
  // s3-batch-replication-policies and batch-ops-iam-role-policies; API_control_JobManifestGeneratorFilter; read
  // 2026-12-01). The job is created in the source bucket's region.
  backfillBucket: (from, to, prefix) => ({
    run: [
      `aws s3control create-job --region ${from.region} --account-id "$(aws sts get-caller-identity --query Account --output text)" --no-confirmation-required --priority 10`,
      `--operation '{"S3ReplicateObject":{}}' --report '{"Enabled":false}' --role-arn "$BATCH_REPLICATION_ROLE_ARN"`,
      // Double-quoted, so the shell expands the bucket name's lookup, which is put in after the JSON's quotes are
      // escaped: inside $(...) the shell reads quotes afresh.
      `--manifest-generator "${JSON.stringify(manifest(BUCKET, prefix)).replace(/"/g, '\\"').replace(BUCKET, from.name)}"`,
    ].join(" "),
    expect: `a job id; \`aws s3control describe-job --region ${from.region} --account-id "$(aws sts get-caller-identity --query Account --output text)" --job-id <id>\` reports Complete with no failed tasks once ${to.region}'s bucket holds every object of ${from.region}'s${prefix ? ` under ${prefix}` : ""}. BATCH_REPLICATION_ROLE_ARN: a role batchoperations.s3.amazonaws.com may assume, allowed s3:InitiateReplication on the source bucket's objects and s3:GetReplicationConfiguration and s3:PutInventoryConfiguration on the bucket; whoever runs this needs s3:CreateJob and iam:PassRole on that role`,
    calls: `S3 Batch Operations in ${from.region}`,
  }),
  // Route 53's control plane is global; record sets and health checks do not depend on either stack region.
  routing: (t) => ({
    run: `aws route53 list-resource-record-sets --hosted-zone-id ${t.zone ?? "<dalp:traffic.zone>"} --query "ResourceRecordSets[?Name=='${t.hostname}.']"`,
    expect: "the failover records of the domain: which region's record is PRIMARY, its health check and TTL",
    calls: "Route 53 (global)",
  }),
  healthCheck: (_t, region, id) => ({
    run: `aws route53 get-health-check-status --health-check-id ${id}`,
    expect: `what the Route 53 checkers see of ${region}'s ingress: Success from most checkers while it serves`,
    calls: "Route 53 (global)",
  }),
  // Versioned buckets list every version with its id and time (s3api list-object-versions, AWS CLI reference, read 2026-12-01).
  // Once the home instance is deleted, RDS marks its replicated backups RETAINED, the provider's read treats them
  // as gone and a refresh drops the copy from the state, so the update would start a new replication from a
  // deleted source (terraform-provider-aws internal/service/rds/instance_automated_backups_replication.go,
  // FindDBInstanceAutomatedBackupByARN; read 2026-12-01).
  rebuildCaveat:
    "if step 2 shows the copied backups RETAINED (the home instance is deleted), run the preview and the update with --refresh=false: a refresh would drop the copy from the state and the update would replicate again from a deleted source",
  objectVersions: (b) => ({
    run: `aws s3api list-object-versions --region ${b.region} --bucket ${b.name} --max-items 20 --query 'Versions[].{key:Key,version:VersionId,modified:LastModified,latest:IsLatest}'`,
    expect: "the newest versions of the application's objects: the files the restored DALP reads must be there, at versions no newer than the restore point",
    calls: `S3 in ${b.region}`,
  }),
};
