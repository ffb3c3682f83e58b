import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

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
}

/** The logs the instance exports to CloudWatch. */
const LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * RDS for PostgreSQL, Multi-AZ (a synchronous standby in another zone, automatic failover), encrypted with
 * the region's KMS key, automated backups with point-in-time recovery for the retention window, TLS forced by
 * the parameter group, private subnets only, deletion protection and a final snapshot, storage autoscaling,
 * logs kept for a bounded time. The master password is generated, stored in Secrets Manager and handed on
 * only as a secret.
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

    // None of the characters RDS rejects in a master password ("/", "@", '"', " "); the connection URL in the
    // DALP Secret percent-encodes the rest (addons/dalp/dalpApplication.ts).
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: true, overrideSpecial: "!#$%^&*()-_=+[]{}<>:?" }, child);
    this.password = password.result;

    // RDS writes exported logs to /aws/rds/instance/<identifier>/<log> and creates that group, never expired,
    // unless it exists (terraform-aws-rds modules/db_instance creates them first for the same reason).
    const logGroups = LOG_EXPORTS.map((log) =>
      new aws.cloudwatch.LogGroup(`${name}-log-${log}`, { name: `/aws/rds/instance/${args.identifier}/${log}`, retentionInDays: args.logRetentionDays }, child),
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
      storageEncrypted: true,
      kmsKeyId: args.kmsKeyArn,
      multiAz: true,
      dbName: args.databaseName,
      username: args.username,
      password: this.password,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      backupRetentionPeriod: args.backupRetentionDays,
      // Backups before the 02:00 Velero schedule, maintenance after it.
      backupWindow: "00:30-01:30",
      maintenanceWindow: "sun:03:00-sun:04:00",
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: true,
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
      // Changes wait for the maintenance window rather than restarting the database mid-day.
      applyImmediately: false,
    }, {
      parent: this,
      protect: true,
      dependsOn: logGroups,
      // Storage autoscaling grows allocatedStorage by itself; it is the size at creation from then on
      // (policies/rules/drift/aws.ts).
      ignoreChanges: autoscaling ? ["allocatedStorage"] : [],
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
