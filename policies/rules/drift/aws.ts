import type { DriftFact } from "./types";

/**
 * Properties the cloud changes by itself on the stateful aws types this project creates.
 *
 * Audited and not listed, because the provider already shows no diff for them (read in @pulumi/aws 7.48's
 * schema docs and terraform-provider-aws, 2026-12-01):
 * - rds.Instance `engineVersion`: a major-only prefix ("17") with automatic minor upgrades; the running minor
 *   goes to `engineVersionActual`. `availabilityZone` after a Multi-AZ failover: never set by this project,
 *   so the computed value is not compared. `storageThroughput`/`iops` of gp3 above 400 GiB: not set either.
 * - elasticache.ReplicationGroup `engineVersion` (major.minor, running version in `engineVersionActual`);
 *   `preferredCacheClusterAzs` ("Ignored when updating", and not read back), so a failover that makes a
 *   replica primary shows nothing; `numCacheClusters` stays as set, failed nodes are replaced in place.
 * - eks.Cluster `vpcConfig.publicAccessCidrs` with a private-only endpoint: left unset, so the 0.0.0.0/0 EKS
 *   reports is not compared.
 * - s3.Bucket and kms.Key: nothing AWS changes by itself (key rotation keeps the key id and ARN).
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
