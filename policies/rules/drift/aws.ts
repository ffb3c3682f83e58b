import type { DriftFact } from "./types";

/**
 * Properties the cloud changes by itself on the stateful aws types this project creates.
 *
 * Audited and not listed, because the provider already shows no diff for them (read in @pulumi/aws 7.48's
 * schema docs and terraform-provider-aws, 2026-12-01):
 * - rds.Instance `engineVersion`: a major-only prefix ("17") with automatic minor upgrades; the running minor
 *   goes to `engineVersionActual` (compareActualEngineVersion keeps "17" while the running version starts
 *   with "17."). A major version RDS applies by itself at the end of standard support, which
 *   `engineLifecycleSupport: open-source-rds-extended-support-disabled` lets it do, would show as a diff:
 *   like eks.Cluster `version` below, deliberately not ignored; raise dalp:postgres.version first (RDS has
 *   ended standard support of a PostgreSQL major on the 28 February after its community end of life, PostgreSQL
 *   12 on 2025-02-28, RDS PostgreSQL release calendar; for 17, community end of life 2029-11-08, that puts it
 *   at 2030-02-28: an estimate from the pattern, not a published date).
 *   `availabilityZone` after a Multi-AZ failover: never set by this project, so the computed value is not
 *   compared. `storageThroughput`/`iops` of gp3 above 400 GiB: not set either.
 * - elasticache.ReplicationGroup `preferredCacheClusterAzs`: never read back (resourceReplicationGroupRead in
 *   internal/service/elasticache/replication_group.go sets no such attribute), so a failover that makes a
 *   replica primary shows nothing; `numCacheClusters` is read as the member count, which a node replaced in
 *   place keeps. `engineVersion`: the provider writes the running major.minor back into it
 *   (setEngineVersionRedis/Valkey), patches go to `engineVersionActual` only. ElastiCache does not move a
 *   node-based group to another major.minor by itself ("version upgrades ... don't occur automatically. You
 *   must initiate them", ElastiCache user guide, VersionManagement, read 2026-12-01); if it ever did, the
 *   next preview would show a downgrade, which the provider replaces (customizeDiffEngineVersionForceNewOnDowngrade)
 *   and `protect` stops. Not ignored, since that would hide the upgrades made through dalp:cache.version.
 * - eks.Cluster `vpcConfig.publicAccessCidrs` with a private-only endpoint: left unset, so the 0.0.0.0/0 EKS
 *   reports is not compared.
 * - s3.Bucket and kms.Key: nothing AWS changes by itself (key rotation keeps the key id and ARN).
 * - rds.Instance as a cross-region replica: `dbName`, `username` are inherited from the source and read back
 *   (Optional, Computed), never set, so not compared; `allocatedStorage` is the source's, grown by storage
 *   autoscaling like the primary's (the fact below applies). `replicateSourceDb` changes by itself only when
 *   someone promotes the replica outside the stack (console, CLI): refresh then reads it empty while the
 *   configuration still names the source, and the provider refuses to re-attach it ("cannot elect new source
 *   database for replication"). Not ignored: ignoring it would hide the promotion a failover makes through
 *   dalp:primaryRegion; the runbook promotes by configuration, never out of band.
 * - ec2.Eip (ingress addresses), route53.Record and route53.HealthCheck, s3.BucketReplicationConfig,
 *   rds.InstanceAutomatedBackupsReplication: nothing AWS changes by itself on the properties the stack sets
 *   (the cloud controller associates the ingress addresses with the NLB, which shows in `associationId`
 *   and `networkInterface`, outputs the stack never sets).
 *
 * Audited and deliberately not ignored: eks.Cluster `version`. With upgradePolicy STANDARD, EKS upgrades the
 * control plane itself at the end of standard support; ignoring `version` would also ignore every upgrade
 * made through dalp:cluster.kubernetesVersion, so the stack shows the difference instead and the operator
 * raises the version (docs/aws.md, "Upgrades").
 */
export const AWS_DRIFT: DriftFact[] = [
  {
    type: "aws:rds/instance:Instance",
    property: "allocatedStorage",
    why: "Storage autoscaling grows the volume when free space stays under 10 % for five minutes; the configured size is then only the size at creation.",
    source:
      "@pulumi/aws 7.48 rds.Instance allocatedStorage (\"If maxAllocatedStorage is configured, this argument represents the initial storage allocation\"); RDS user guide, USER_PIOPS.Autoscaling; read 2026-12-01",
    appliesWhen: (props) => Number(props.maxAllocatedStorage ?? 0) > Number(props.allocatedStorage ?? 0),
  },
  {
    type: "aws:eks/nodeGroup:NodeGroup",
    property: "scalingConfig.desiredSize",
    why: "The cluster autoscaler sets the node group's desired size between its bounds; applying the configured size would undo every scale-up.",
    source:
      "terraform-aws-eks modules/eks-managed-node-group/main.tf, lifecycle ignore_changes = [scaling_config[0].desired_size] (commit bef29c4, 2026-04-27); read 2026-12-01",
  },
];
