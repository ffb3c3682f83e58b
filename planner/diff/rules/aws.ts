import { replaceOn, TypeRules } from "./types";

/**
 * @pulumi/aws is bridged from hashicorp/terraform-provider-aws: a property forces a replacement where the
 * provider's schema says `ForceNew: true` or a `CustomizeDiff` calls `ForceNew`, and a `DiffSuppressFunc`
 * hides a change. Read 2026-12-01 in the provider source named on each rule (the v6 line that @pulumi/aws 7.x
 * bridges; the S3 bucket from the registry page's "(Forces new resource)" notes).
 */
const TF_AWS = "hashicorp/terraform-provider-aws";

/**
 * The v5+ schema (schema version 2, aws-sdk-go-v2): `identifier` and `identifier_prefix` lost `ForceNew` in v5.0.0
 * (a rename is applied in place, ModifyDBInstance with NewDBInstanceIdentifier; the registry page was corrected by
 * PR #32687, merged 2023-07-26), and `backup_target` is `ForceNew`. @pulumi/aws 7.x bridges the v6 line.
 */
const rdsSource = `${TF_AWS} internal/service/rds/instance.go, resourceInstance schema (ForceNew) of the v5+ line; PR #32687 (identifier no longer forces new), read 2026-12-01`;
const elasticacheSource = `${TF_AWS} internal/service/elasticache/replication_group.go, resourceReplicationGroup schema and CustomizeDiff (commit 001b636), read 2026-12-01`;
const eksSource = `${TF_AWS} internal/service/eks/cluster.go, resourceCluster schema and CustomizeDiff (commit 00555dc), read 2026-12-01`;
const kmsSource = `${TF_AWS} internal/service/kms/key.go, resourceKey schema (commit 00a3530), read 2026-12-01`;
const backupReplicationSource = `${TF_AWS} internal/service/rds/instance_automated_backups_replication.go, ResourceInstanceAutomatedBackupsReplication schema: Create, Read and Delete only, every argument ForceNew; read 2026-12-01`;
const rdsPromoteSource = `${TF_AWS} internal/service/rds/instance.go, resourceInstanceUpdate: replicate_source_db is not ForceNew; removed, it is applied in place with PromoteReadReplica; set on an instance that has none, or changed, the update fails with "cannot elect new source database for replication"; read 2026-12-01`;
const route53RecordSource = `${TF_AWS} internal/service/route53/record.go, resourceRecord schema: name and zone_id ForceNew; resourceRecordUpdate sends an UPSERT when neither type nor set_identifier changes (records, ttl, health_check_id in place), a DELETE and CREATE in one change batch otherwise; read 2026-12-01`;
const s3Source = `${TF_AWS} website/docs/r/s3_bucket.html.markdown v6.68.0: bucket, bucket_prefix and object_lock_enabled "(Optional, Forces new resource)", read 2026-12-01`;

/** Compares engine versions numerically, part by part ("7.0.5" < "7.1"). */
function versionBelow(version: unknown, floor: string): boolean {
  if (typeof version !== "string" || !/^\d/.test(version)) return false;
  const a = version.split(".").map(Number);
  const b = floor.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

export const AWS_RULES: TypeRules[] = [
  {
    type: "aws:rds/instance:Instance",
    rules: [
      ...replaceOn(
        [
          "availabilityZone",
          "backupTarget",
          "characterSetName",
          "customIamInstanceProfile",
          "dbName",
          "engine",
          "kmsKeyId",
          "ncharCharacterSetName",
          "restoreToPointInTime",
          "s3Import",
          "snapshotIdentifier",
          "storageEncrypted",
          "timezone",
          "username",
        ],
        rdsSource,
      ),
      {
        path: "replicateSourceDb",
        effect: "refused",
        // Removing it (promotion) is an in-place update and shows as one. Setting it on a standalone instance, or
        // another source on a replica, is no replacement either (the attribute does not force one): the preview
        // shows an update and the apply fails, after the run's other changes (resourceInstanceUpdate, "cannot
        // elect new source database for replication"). The way back to a replica is a new instance (dalp:reseed).
        condition: "a source is set on an instance without one, or a replica is given another source: the provider cannot demote or re-point in place and fails the update (a re-seed is a new instance)",
        when: (c) => typeof c.new === "string" && c.new !== "" && c.old !== c.new,
        source: rdsPromoteSource,
      },
      {
        path: "allocatedStorage",
        effect: "no-diff",
        condition: "storage autoscaling grew the disk: the old size is above the configured one, and maxAllocatedStorage is above the configured one too",
        when: (c) => Number(c.old) > Number(c.new) && Number(c.newInputs.maxAllocatedStorage ?? 0) > Number(c.new),
        source: `${TF_AWS} internal/service/rds/instance.go, allocated_storage DiffSuppressFunc ("Allocated is higher than the configuration and autoscaling is enabled"), read 2026-12-01`,
      },
    ],
  },
  {
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    rules: [
      ...replaceOn(
        [
          "atRestEncryptionEnabled",
          "dataTieringEnabled",
          "globalReplicationGroupId",
          "kmsKeyId",
          "networkType",
          "port",
          "replicationGroupId",
          "securityGroupNames",
          "snapshotArns",
          "snapshotName",
          "subnetGroupName",
        ],
        elasticacheSource,
      ),
      {
        path: "engineVersion",
        effect: "replace",
        condition: "the version goes down (customizeDiffEngineVersionForceNewOnDowngrade)",
        when: (c) => typeof c.old === "string" && typeof c.new === "string" && versionBelow(c.new, c.old),
        source: elasticacheSource,
      },
      {
        path: "engine",
        effect: "replace",
        condition: "the engine goes from valkey back to redis (customizeDiffEngineForceNewOnDowngrade)",
        when: (c) => String(c.old).toLowerCase() === "valkey" && String(c.new).toLowerCase() === "redis",
        source: elasticacheSource,
      },
      {
        path: "transitEncryptionEnabled",
        effect: "replace",
        condition: "the running Redis engine is older than 7.0.5 (engineVersionActual), which sets it only at creation",
        when: (c) => versionBelow(c.oldOutputs.engineVersionActual, "7.0.5"),
        source: elasticacheSource,
      },
      {
        path: "nodeGroupConfigurations",
        effect: "replace",
        condition: "node groups configured explicitly are added, removed or changed (ForceNewIf node_group_configuration)",
        source: elasticacheSource,
      },
    ],
  },
  {
    type: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    rules: replaceOn(["kmsKeyId", "preSignedUrl", "retentionPeriod", "sourceDbInstanceArn"], backupReplicationSource),
  },
  { type: "aws:route53/record:Record", rules: replaceOn(["name", "zoneId"], route53RecordSource) },
  { type: "aws:s3/bucket:Bucket", rules: replaceOn(["bucket", "bucketPrefix", "objectLockEnabled"], s3Source) },
  { type: "aws:kms/key:Key", rules: replaceOn(["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"], kmsSource) },
  {
    type: "aws:eks/cluster:Cluster",
    rules: [
      ...replaceOn(
        [
          "accessConfig.bootstrapClusterCreatorAdminPermissions",
          "bootstrapSelfManagedAddons",
          "kubernetesNetworkConfig.ipFamily",
          "kubernetesNetworkConfig.serviceIpv4Cidr",
          "name",
          "outpostConfig.controlPlaneInstanceType",
          "outpostConfig.controlPlanePlacement.groupName",
          "remoteNetworkConfig",
          "roleArn",
        ],
        eksSource,
      ),
      {
        path: "encryptionConfig",
        effect: "replace",
        condition: "envelope encryption is removed (\"You cannot disable envelope encryption after enabling it\")",
        when: (c) => c.old !== undefined && c.new === undefined,
        source: eksSource,
      },
      {
        path: "computeConfig.nodeRoleArn",
        effect: "replace",
        condition: "an existing Auto Mode node role changes",
        when: (c) => typeof c.old === "string" && c.old !== "" && c.old !== c.new,
        source: eksSource,
      },
    ],
  },
];
