import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface ElastiCacheArgs {
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  clientSecurityGroupId: pulumi.Input<string>;
  zones: string[];
  engine: "valkey" | "redis";
  engineVersion: string;
  nodeType: string;
  /** Replicas of the primary; nodes are spread over the zones in order. None: a single node, without failover. */
  replicas: number;
  /** 0 takes no snapshots. */
  snapshotRetentionDays: number;
  kmsKeyArn: pulumi.Input<string>;
  /** The snapshot taken when the group is deleted; none when `disposable`. */
  finalSnapshotIdentifier?: string;
  /** A restore drill's cache, deleted with the drill: not protected, and no final snapshot. */
  disposable?: boolean;
}

/**
 * An ElastiCache replication group (Valkey or Redis OSS): a primary and replicas in different zones with
 * Multi-AZ automatic failover, encryption at rest with the region's key and in transit (TLS required), an AUTH
 * token generated as a secret, and daily snapshots. Without replicas (the restore drill's), one node with TLS and
 * the token alike, and no failover.
 */
export class ElastiCache extends pulumi.ComponentResource {
  readonly group: aws.elasticache.ReplicationGroup;
  readonly authToken: pulumi.Output<string>;

  constructor(name: string, args: ElastiCacheArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:ElastiCache", name, {}, opts);
    const child = { parent: this };
    const nodes = args.replicas + 1;
    const disposable = args.disposable === true;
    if (!disposable && !args.finalSnapshotIdentifier) throw new Error(`${name}: a cache that is not disposable keeps a final snapshot and needs its identifier`);
    // Automatic failover needs a replica to promote, and Multi-AZ needs automatic failover (@pulumi/aws 7.48
    // elasticache.ReplicationGroup automaticFailoverEnabled: "If enabled, `numCacheClusters` must be greater than
    // 1"; multiAzEnabled: "If `true`, `automaticFailoverEnabled` must also be enabled"): a single node has neither.
    const failover = nodes > 1;

    const subnets = new aws.elasticache.SubnetGroup(`${name}-subnets`, { subnetIds: args.subnetIds, description: "DALP cache, isolated data subnets" }, child);
    const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
      vpcId: args.vpcId,
      description: "DALP cache: the EKS cluster only",
      ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, securityGroups: [args.clientSecurityGroupId], description: "Cache from the cluster" }],
    }, child);
    // ElastiCache AUTH tokens: 16-128 printable characters, without "@", '"' or "/".
    const token = new random.RandomPassword(`${name}-auth-token`, { length: 64, special: true, overrideSpecial: "!&#$^<>-" }, child);
    this.authToken = token.result;

    this.group = new aws.elasticache.ReplicationGroup(`${name}-group`, {
      description: "DALP cache",
      engine: args.engine,
      engineVersion: args.engineVersion,
      nodeType: args.nodeType,
      numCacheClusters: nodes,
      // One node per zone, in zone order, so the primary and each replica sit in different zones.
      preferredCacheClusterAzs: Array.from({ length: nodes }, (_, i) => args.zones[i % args.zones.length]),
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      subnetGroupName: subnets.name,
      securityGroupIds: [securityGroup.id],
      port: 6379,
      atRestEncryptionEnabled: true,
      kmsKeyId: args.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      authToken: this.authToken,
      authTokenUpdateStrategy: "ROTATE",
      snapshotRetentionLimit: args.snapshotRetentionDays,
      snapshotWindow: "01:30-02:30",
      maintenanceWindow: "sun:04:00-sun:05:00",
      autoMinorVersionUpgrade: true,
      // Without it ElastiCache takes no final snapshot ("If omitted, no final snapshot will be made", @pulumi/aws
      // 7.48 elasticache.ReplicationGroup finalSnapshotIdentifier).
      ...(disposable ? {} : { finalSnapshotIdentifier: args.finalSnapshotIdentifier }),
      applyImmediately: disposable,
    }, { parent: this, protect: !disposable });

    this.registerOutputs({ id: this.group.id, primaryEndpoint: this.group.primaryEndpointAddress });
  }
}
