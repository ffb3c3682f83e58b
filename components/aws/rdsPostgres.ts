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
  /**
   * Name of the final snapshot taken if the instance is ever deleted; unique per stack and region. Not when
   * `disposable`.
   */
  finalSnapshotIdentifier?: string;
  /** Days CloudWatch keeps the exported PostgreSQL and upgrade logs. */
  logRetentionDays: number;
  /**
   * The master password (a secret), the deployment's: the primary is created with it, a replica inherits it
   * from its source, and promotion keeps it.
   */
  password: pulumi.Output<string>;
  /**
   * Absent for the deployment's original primary. `replica`: a cross-region read replica of `sourceArn`;
   * `promoted`: that replica after promotion, the same resource with replication removed; `restored`: a new
   * instance restored to `pointInTime`, or to the latest time the backups hold, from automated backups
   * replicated into this region (`automatedBackupsArn`, the replication's id) or from a running instance of this
   * region (`sourceDbiResourceId`, the restore drill's).
   */
  follows?: { kind: "replica"; sourceArn: pulumi.Input<string> } | { kind: "promoted" } | RestoredFrom;
  /**
   * The return's first step: `protect` and deletion protection lifted, so that the next step may delete the
   * instance (a final snapshot is still taken). Nothing else changes.
   */
  released?: boolean;
  /**
   * A restore drill's instance, deleted with the drill: one zone, no deletion protection, `protect`, final
   * snapshot or kept automated backups, its log groups and secret deleted with it; and none of the settings the
   * restore does not apply (backup and maintenance windows, CA, Performance Insights), so that the create
   * leaves nothing for a second `pulumi up` to change.
   */
  disposable?: boolean;
}

/**
 * Where a restored instance comes from, and the moment restored to: the automated backups replicated into this
 * region from another (hot-cold's rebuild), or those of a running instance of this region, named by its resource
 * id, which a rename of the instance does not change (the restore drill).
 */
export type RestoredFrom = {
  kind: "restored";
  /** ISO 8601, UTC; absent, the latest restorable time of the backups. */
  pointInTime?: string;
} & ({ automatedBackupsArn: pulumi.Input<string>; sourceDbiResourceId?: never } | { sourceDbiResourceId: pulumi.Input<string>; automatedBackupsArn?: never });

/** How long a cross-region replica (and the copy of its source's backups) may take to create. */
export const REPLICA_CREATE_TIMEOUT = "6h";

/**
 * How long a point-in-time restore may take to create. RDS restores the last daily snapshot before the moment
 * and replays up to a day of transaction logs on top ("The length of the operation is based on the number of
 * transaction logs", AWS re:Post knowledge center, rds-point-in-time-restore-issues), then Multi-AZ adds the
 * standby: for a database of hundreds of GiB that is hours (an estimate, like REPLICA_CREATE_TIMEOUT; the
 * provider's default is 40 minutes, terraform-provider-aws internal/service/rds/instance.go, Timeouts, 50 in its
 * 2026 line; the restore mechanism, RDS user guide, USER_PIT, read 2026-12-01). The drill's single-zone restore
 * skips the standby, not the replay.
 */
export const RESTORE_CREATE_TIMEOUT = "6h";

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
 *
 * Restored (`follows.kind === "restored"`, hot-cold's rebuild), the instance is a new one created by a
 * point-in-time restore of automated backups replicated into this region, with the same HA, backup and
 * protection settings as a primary and the deployment's password.
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
    const restored = follows?.kind === "restored" ? follows : undefined;
    const disposable = args.disposable === true;
    if (!disposable && !args.finalSnapshotIdentifier) throw new Error(`${name}: an instance that is not disposable keeps a final snapshot and needs its identifier`);

    // RDS writes exported logs to /aws/rds/instance/<identifier>/<log> and creates that group, never expired,
    // unless it exists (terraform-aws-rds modules/db_instance creates them first for the same reason).
    // Kept in CloudWatch when the instance goes (a return deletes the former primary): they hold the logs that
    // reconciliation and audit read, until their own retention expires them. A drill's go with it: kept, the next
    // drill's create of the same names would fail on them (CreateLogGroup, ResourceAlreadyExistsException).
    const logGroups = LOG_EXPORTS.map((log) =>
      new aws.cloudwatch.LogGroup(`${name}-log-${log}`, { name: `/aws/rds/instance/${args.identifier}/${log}`, retentionInDays: args.logRetentionDays }, { ...child, retainOnDelete: !disposable }),
    );

    const autoscaling = args.maxStorageGb > args.storageGb;
    // The restore is RestoreDBInstanceToPointInTime from the replicated backups, or from a running instance's own
    // by its resource id (terraform-provider-aws internal/service/rds/instance.go, resourceInstanceCreate, the
    // restore_to_point_in_time branch; the v5 line read 2026-12-01, with #35589 merged 2024-01-31, and the 2026
    // line, which sends the same plus engine_lifecycle_support). What it sends: engine, class, subnet, parameter
    // and security groups, Multi-AZ (only when true: GetOk skips false), storage type and autoscaling bound,
    // deletion protection, log exports, tags; the password by a ModifyDBInstance right after the restore (#35589).
    // What RDS takes from the backups instead:
    // the databases and master user (username and dbName are create-only and left out, as for a replica, and
    // read back without a diff: Optional, Computed), the engine's minor version, the backup retention ("the
    // restored database inherits the backup retention period from the source", RDS user guide,
    // USER_WorkingWithAutomatedBackups.BackupRetention), the storage size, and the encryption:
    // RestoreDBInstanceToPointInTime takes no KmsKeyId (RDS API reference, read 2026-12-01), so the instance is
    // encrypted with the key the backups are, this region's (buildBackupsCopy; a drill's source uses it); kmsKeyId and
    // storageEncrypted are declared as they will read back, and any other key would show as a replacement, which
    // protect stops. Backup and maintenance windows, the CA and Performance Insights are not part of the restore:
    // the next `pulumi up` applies them in place (docs/aws.md, "Hot-cold").
    const restore = restored
      ? {
          restoreToPointInTime: {
            ...(restored.automatedBackupsArn !== undefined
              ? { sourceDbInstanceAutomatedBackupsArn: restored.automatedBackupsArn }
              : { sourceDbiResourceId: restored.sourceDbiResourceId }),
            ...(restored.pointInTime ? { restoreTime: restored.pointInTime } : { useLatestRestorableTime: true }),
          },
        }
      : {};
    // A drill declares no windows, CA or Performance Insights: the restore sets none of them (above), and what it
    // leaves (the windows RDS picks, the region's default CA, which sslMode "require" does not check) reads back
    // without a diff: those inputs are Optional and Computed, and performanceInsightsEnabled defaults to false.
    const maintained = disposable
      ? {}
      : {
          // Backups before the 02:00 Velero schedule, maintenance after it.
          backupWindow: "00:30-01:30",
          maintenanceWindow: "sun:03:00-sun:04:00",
          // Performance Insights' own console reached end of life on 2026-07-31; its data now shows in CloudWatch
          // Database Insights. Standard mode keeps the free 7-day history; unset, new instances may start in the
          // billed Advanced mode (RDS user guide, USER_PerfInsights.Enabling and USER_PerfInsights.Overview, read
          // 2026-12-01).
          databaseInsightsMode: "standard",
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: args.kmsKeyArn,
          performanceInsightsRetentionPeriod: 7,
          caCertIdentifier: "rds-ca-rsa2048-g1",
        };
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
      // A restore takes the size of the backups, which storage autoscaling may have grown beyond storageGb; a
      // smaller size may fail it ("Be sure to allocate enough storage ... so that the restore operation can
      // succeed", RDS API reference, RestoreDBInstanceToPointInTime AllocatedStorage).
      ...(restored ? {} : { allocatedStorage: args.storageGb }),
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
      // first minute (RDS user guide, USER_ReadRepl, "Working with read replicas", read 2026-12-01). A drill's
      // instance is single-AZ, as a point-in-time restore is by default (RestoreDBInstanceToPointInTime: "By
      // default, the new DB instance is created as a single-AZ deployment", RDS API reference, read 2026-12-01).
      multiAz: !disposable,
      // A replica inherits the database, the master user and its password from the source, and RDS refuses
      // them on CreateDBInstanceReadReplica (@pulumi/aws 7.48 rds.Instance dbName: "Cannot be specified for a
      // replica"). dbName and username are create-only: left out of the replica, they stay out after
      // promotion too, and the provider reads the inherited values back without a diff (Optional, Computed).
      ...(follows
        ? follows.kind === "replica"
          ? { replicateSourceDb: follows.sourceArn }
          : follows.kind === "restored"
            ? { ...restore, password: this.password }
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
      ...maintained,
      copyTagsToSnapshot: true,
      // Read at delete time only (never sent by an update): a drill's automated backups go with it, a production
      // instance's are kept for their retention.
      deleteAutomatedBackups: disposable,
      deletionProtection: !args.released && !disposable,
      // Kept on a replica too, so that promotion changes nothing but replication. RDS takes no final snapshot
      // of a read replica (DeleteDBInstance API reference, SkipFinalSnapshot: "If you delete a read replica
      // ..., you must enable this setting", read 2026-12-01): deleting the replica needs this set first, one
      // deliberate step more beside protect and deletion protection. A drill's instance is deleted without one.
      skipFinalSnapshot: disposable,
      ...(disposable ? {} : { finalSnapshotIdentifier: args.finalSnapshotIdentifier }),
      enabledCloudwatchLogsExports: [...LOG_EXPORTS],
      // Changes wait for the maintenance window rather than restarting the database mid-day. The release is
      // applied at once, with whatever else is pending on the instance (harmless on a database about to go): the
      // next step deletes it, which RDS refuses while deletion protection is on. A drill's instance serves no
      // one but the drill: its changes apply at once too.
      applyImmediately: args.released === true || disposable,
    }, {
      parent: this,
      protect: !args.released && !disposable,
      dependsOn: logGroups,
      // Storage autoscaling grows allocatedStorage by itself; it is the size at creation from then on
      // (policies/rules/drift/aws.ts). The restore's inputs are read once, by the create: restoreToPointInTime
      // forces a new instance when it changes (ForceNew, planner/diff/rules/aws.ts), so a later edit of
      // dalp:recover.pointInTime (dalp:drill.pointInTime), or a new id of the replicated backups, must never reach
      // the diff, or the restored database, with everything written to it since, would be replaced.
      ignoreChanges: [...(autoscaling ? ["allocatedStorage"] : []), ...(restored ? ["restoreToPointInTime"] : [])],
      // A cross-region replica starts from a snapshot of the source copied across regions, so its create lasts
      // as long as that copy: hours for a database of hundreds of GiB (an estimate; the provider's default is
      // 40 minutes, terraform-provider-aws rds instance Timeouts). A create that times out leaves the instance
      // building, recorded with an error, and the return's deletions not run.
      customTimeouts: follows?.kind === "replica" ? { create: REPLICA_CREATE_TIMEOUT } : restored ? { create: RESTORE_CREATE_TIMEOUT } : undefined,
    });

    this.secret = new aws.secretsmanager.Secret(`${name}-credentials`, {
      description: "DALP PostgreSQL master credentials",
      kmsKeyId: args.kmsKeyArn,
      // A drill's secret is deleted without the recovery window, 0 being the value that forces it (@pulumi/aws
      // 7.48 secretsmanager.Secret recoveryWindowInDays: "This value can be `0` to force deletion without
      // recovery or range from `7` to `30` days"): it names an instance that no longer exists.
      recoveryWindowInDays: disposable ? 0 : 30,
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
