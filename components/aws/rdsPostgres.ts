import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RdsPostgresArgs {
  vpcId: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  /** Security group allowed to connect (the EKS cluster security group). */
  clientSecurityGroupId: pulumi.Input<string>;
  version: string;
  instanceClass: string;
  /** Storage at creation; afterwards storage autoscaling owns the size, up to `maxStorageGb`. */
  storageGb: number;
  /** Upper bound of storage autoscaling; equal to `storageGb`, autoscaling is off. */
  maxStorageGb: number;
  backupRetentionDays: number;
  databaseName: string;
  username: string;
  kmsKeyArn: pulumi.Input<string>;
  /**
   * The instance's name, explicit so its log groups can exist before it; unique per stack and region.
   * Renaming it is an in-place modification (terraform-provider-aws rds instance update sends
   * NewDBInstanceIdentifier), never a replacement.
   */
  identifier: string;
  /** Name of the final snapshot taken if the instance is ever deleted; unique per stack and region. */
  finalSnapshotIdentifier: string;
  /** Days CloudWatch keeps the exported PostgreSQL and upgrade logs. */
  logRetentionDays: number;
  /**
   * The master password (a secret), the deployment's: the primary is created with it, a replica inherits it
   * from its source, and promotion keeps it.
   */
  password: pulumi.Output<string>;
  /**
   * Absent for the deployment's original primary. `replica`: a cross-region read replica of `sourceArn`;
   * `promoted`: that replica after promotion, the same resource with replication removed.
   */
  follows?: { kind: "replica"; sourceArn: pulumi.Input<string> } | { kind: "promoted" };
  /**
   * The return's first step: `protect` and deletion protection lifted, so that the next step may delete the
   * instance (a final snapshot is still taken). Nothing else changes.
   */
  released?: boolean;
}

/** How long a cross-region replica (and the copy of its source's backups) may take to create. */
export const REPLICA_CREATE_TIMEOUT = "6h";

/** The logs the instance exports to CloudWatch. */
const LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * RDS for PostgreSQL, Multi-AZ (a synchronous standby in another zone, automatic failover), encrypted with
 * the region's KMS key, automated backups with point-in-time recovery for the retention window, TLS forced by
 * the parameter group, private subnets only, deletion protection and a final snapshot, storage autoscaling,
 * logs kept for a bounded time. The master password (the deployment's, generated once) is stored in Secrets
 * Manager and handed on only as a secret.
 *
 * As a cross-region replica (`follows`), the instance is created by CreateDBInstanceReadReplica from the
 * source's ARN and encrypted with this region's key; promotion removes `replicateSourceDb`, which
 * terraform-provider-aws applies in place with PromoteReadReplica (internal/service/rds/instance.go,
 * resourceInstanceUpdate, "separate request to promote a database"; read 2026-12-01). Replica and promoted
 * instance declare exactly the same inputs otherwise, so promotion changes nothing create-only.
 */
export class RdsPostgres extends pulumi.ComponentResource {
  readonly instance: aws.rds.Instance;
  readonly password: pulumi.Output<string>;
  readonly secret: aws.secretsmanager.Secret;

  constructor(name: string, args: RdsPostgresArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:aws:RdsPostgres", name, {}, opts);
    const child = { parent: this };

    const subnets = new aws.rds.SubnetGroup(`${name}-subnets`, { subnetIds: args.subnetIds, description: "DALP PostgreSQL, isolated data subnets" }, child);
    const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
      vpcId: args.vpcId,
      description: "DALP PostgreSQL: the EKS cluster only",
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [args.clientSecurityGroupId], description: "PostgreSQL from the cluster" }],
    }, child);
    const parameters = new aws.rds.ParameterGroup(`${name}-params`, {
      family: `postgres${args.version}`,
      description: "DALP PostgreSQL: TLS required",
      parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "1000" },
      ],
    }, child);

    this.password = args.password;
    const follows = args.follows;

    // RDS writes exported logs to /aws/rds/instance/<identifier>/<log> and creates that group, never expired,
    // unless it exists (terraform-aws-rds modules/db_instance creates them first for the same reason).
    // Kept in CloudWatch when the instance goes (a return deletes the former primary): they hold the logs that
    // reconciliation and audit read, until their own retention expires them.
    const logGroups = LOG_EXPORTS.map((log) =>
      new aws.cloudwatch.LogGroup(`${name}-log-${log}`, { name: `/aws/rds/instance/${args.identifier}/${log}`, retentionInDays: args.logRetentionDays }, { ...child, retainOnDelete: true }),
    );

    const autoscaling = args.maxStorageGb > args.storageGb;
    this.instance = new aws.rds.Instance(`${name}-db`, {
      identifier: args.identifier,
      engine: "postgres",
      // The major version only: with automatic minor upgrades a prefix is accepted, the running minor is
      // reported in engineVersionActual and never shows as a diff (@pulumi/aws 7.48 rds.Instance engineVersion).
      engineVersion: args.version,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      engineLifecycleSupport: "open-source-rds-extended-support-disabled",
      instanceClass: args.instanceClass,
      allocatedStorage: args.storageGb,
      // 0 switches autoscaling off; otherwise RDS grows the volume, up to this, when free space falls under 10 %.
      maxAllocatedStorage: autoscaling ? args.maxStorageGb : 0,
      storageType: "gp3",
      // A cross-region replica of an encrypted source is encrypted with the key named here, which must be of
      // the replica's region; storageEncrypted is then ignored by RDS but kept equal, both being create-only
      // (@pulumi/aws 7.48 rds.Instance kmsKeyId, storageEncrypted). A replica takes its size from the source
      // (the provider warns and ignores allocatedStorage on creation); the configured size is the same.
      storageEncrypted: true,
      kmsKeyId: args.kmsKeyArn,
      // A PostgreSQL read replica can be Multi-AZ, so the promoted database keeps zone failover from the
      // first minute (RDS user guide, USER_ReadRepl, "Working with read replicas", read 2026-12-01).
      multiAz: true,
      // A replica inherits the database, the master user and its password from the source, and RDS refuses
      // them on CreateDBInstanceReadReplica (@pulumi/aws 7.48 rds.Instance dbName: "Cannot be specified for a
      // replica"). dbName and username are create-only: left out of the replica, they stay out after
      // promotion too, and the provider reads the inherited values back without a diff (Optional, Computed).
      ...(follows
        ? follows.kind === "replica"
          ? { replicateSourceDb: follows.sourceArn }
          : {}
        : { dbName: args.databaseName, username: args.username, password: this.password }),
      // In another region the source's subnet group does not exist: without a name RDS takes the region's
      // default subnet group, outside this VPC (@pulumi/aws 7.48 rds.Instance dbSubnetGroupName).
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      // RDS creates a replica with backups off; the provider sets the retention right after creation
      // (ModifyDBInstance), so the replica keeps its own PITR window from the start, and promotion passes the
      // same value to PromoteReadReplica (terraform-provider-aws resourceInstanceCreate / Update, read
      // 2026-12-01). PostgreSQL read replicas take automated backups (RDS user guide, USER_ReadRepl, "Read
      // replica limitations" for RDS for PostgreSQL, read 2026-12-01).
      backupRetentionPeriod: args.backupRetentionDays,
      // Backups before the 02:00 Velero schedule, maintenance after it.
      backupWindow: "00:30-01:30",
      maintenanceWindow: "sun:03:00-sun:04:00",
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: !args.released,
      // Kept on a replica too, so that promotion changes nothing but replication. RDS takes no final snapshot
      // of a read replica (DeleteDBInstance API reference, SkipFinalSnapshot: "If you delete a read replica
      // ..., you must enable this setting", read 2026-12-01): deleting the replica needs this set first, one
      // deliberate step more beside protect and deletion protection.
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: args.finalSnapshotIdentifier,
      // Performance Insights' own console reached end of life on 2026-07-31; its data now shows in CloudWatch
      // Database Insights. Standard mode keeps the free 7-day history; unset, new instances may start in the
      // billed Advanced mode (RDS user guide, USER_PerfInsights.Enabling and USER_PerfInsights.Overview, read
      // 2026-12-01).
      databaseInsightsMode: "standard",
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: args.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      enabledCloudwatchLogsExports: [...LOG_EXPORTS],
      caCertIdentifier: "rds-ca-rsa2048-g1",
      // Changes wait for the maintenance window rather than restarting the database mid-day. The release is
      // applied at once, with whatever else is pending on the instance (harmless on a database about to go): the
      // next step deletes it, which RDS refuses while deletion protection is on.
      applyImmediately: args.released === true,
    }, {
      parent: this,
      protect: !args.released,
      dependsOn: logGroups,
      // Storage autoscaling grows allocatedStorage by itself; it is the size at creation from then on
      // (policies/rules/drift/aws.ts).
      ignoreChanges: autoscaling ? ["allocatedStorage"] : [],
      // A cross-region replica starts from a snapshot of the source copied across regions, so its create lasts
      // as long as that copy: hours for a database of hundreds of GiB (an estimate; the provider's default is
      // 40 minutes, terraform-provider-aws rds instance Timeouts). A create that times out leaves the instance
      // building, recorded with an error, and the return's deletions not run.
      customTimeouts: follows?.kind === "replica" ? { create: REPLICA_CREATE_TIMEOUT } : undefined,
    });

    this.secret = new aws.secretsmanager.Secret(`${name}-credentials`, {
      description: "DALP PostgreSQL master credentials",
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: 30,
    }, child);
    new aws.secretsmanager.SecretVersion(`${name}-credentials`, {
      secretId: this.secret.id,
      secretString: pulumi.jsonStringify({
        engine: "postgres",
        host: this.instance.address,
        port: this.instance.port,
        dbname: args.databaseName,
        username: args.username,
        password: this.password,
      }),
    }, child);

    this.registerOutputs({ identifier: this.instance.identifier, address: this.instance.address, secretArn: this.secret.arn });
  }
}
