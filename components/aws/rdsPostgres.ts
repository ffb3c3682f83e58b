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
  storageGb: number;
  maxStorageGb: number;
  backupRetentionDays: number;
  databaseName: string;
  username: string;
  kmsKeyArn: pulumi.Input<string>;
  /** Name of the final snapshot taken if the instance is ever deleted; unique per stack and region. */
  finalSnapshotIdentifier: string;
}

/**
 * RDS for PostgreSQL, Multi-AZ (a synchronous standby in another zone, automatic failover), encrypted with
 * the region's KMS key, automated backups with point-in-time recovery for the retention window, TLS forced by
 * the parameter group, private subnets only, deletion protection and a final snapshot. The master password is
 * generated, stored in Secrets Manager and handed on only as a secret.
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

    // No characters that need escaping in a connection URL or that RDS rejects ("/", "@", '"', " ").
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: true, overrideSpecial: "!#$%^&*()-_=+[]{}<>:?" }, child);
    this.password = password.result;

    this.instance = new aws.rds.Instance(`${name}-db`, {
      engine: "postgres",
      engineVersion: args.version,
      // Pin the major version; minor versions arrive in the maintenance window.
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      engineLifecycleSupport: "open-source-rds-extended-support-disabled",
      instanceClass: args.instanceClass,
      allocatedStorage: args.storageGb,
      maxAllocatedStorage: args.maxStorageGb,
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
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: args.kmsKeyArn,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      caCertIdentifier: "rds-ca-rsa2048-g1",
      // Changes wait for the maintenance window rather than restarting the database mid-day.
      applyImmediately: false,
    }, { parent: this, protect: true });

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
