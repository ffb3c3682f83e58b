import * as sql from "@pulumi/gcp/sql";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface CloudSqlPostgresArgs {
  region: string;
  /** The primary's zone first, then the standby's; both from the configured zones. */
  zones: string[];
  /** The VPC the instance gets its private address in. */
  network: pulumi.Input<string>;
  /** Name of the private services access range the address comes from. */
  allocatedIpRange: pulumi.Input<string>;
  /** The private services access peering; the instance cannot be created before it. */
  privateServicesConnection: pulumi.Resource;
  version: string;
  tier: string;
  edition: "ENTERPRISE_PLUS" | "ENTERPRISE";
  storageGb: number;
  maxStorageGb: number;
  /** The point-in-time recovery window in days. */
  backupRetentionDays: number;
  pointInTimeRecovery: boolean;
  databaseName: string;
  username: string;
  labels: Record<string, string>;
}

/**
 * Cloud SQL for PostgreSQL with regional availability (a synchronous standby in a second zone, automatic
 * failover), daily backups and point-in-time recovery for the retention window, a private address only,
 * encrypted connections required, and deletion protection in both Pulumi and the Cloud SQL API. The DALP user's
 * password is generated and handed on only as a secret.
 */
export class CloudSqlPostgres extends pulumi.ComponentResource {
  readonly instance: sql.DatabaseInstance;
  readonly database: sql.Database;
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: CloudSqlPostgresArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:CloudSqlPostgres", name, {}, opts);

    this.instance = new sql.DatabaseInstance(`${name}-instance`, {
      region: args.region,
      databaseVersion: `POSTGRES_${args.version}`,
      // Pulumi side: the provider refuses to delete the instance while this is true.
      deletionProtection: true,
      settings: {
        edition: args.edition,
        tier: args.tier,
        availabilityType: "REGIONAL",
        locationPreference: { zone: args.zones[0], secondaryZone: args.zones[1] },
        // API side: Cloud SQL itself refuses deletion from any client (console, gcloud, API).
        deletionProtectionEnabled: true,
        diskType: "PD_SSD",
        diskSize: args.storageGb,
        diskAutoresize: true,
        diskAutoresizeLimit: args.maxStorageGb,
        backupConfiguration: {
          enabled: true,
          // Backups before the 02:00 Velero schedule; Cloud SQL starts within four hours of this time (UTC).
          startTime: "00:00",
          pointInTimeRecoveryEnabled: args.pointInTimeRecovery,
          transactionLogRetentionDays: args.backupRetentionDays,
          // One backup more than days of logs, so the whole window always has a base backup to replay from
          // (Cloud SQL "Use point-in-time recovery", log retention, read 2026-11-22).
          backupRetentionSettings: { retainedBackups: args.backupRetentionDays + 1, retentionUnit: "COUNT" },
        },
        // Automated backups outlive the instance, and a final backup is taken if it is ever deleted.
        retainBackupsOnDelete: true,
        finalBackupConfig: { enabled: true, retentionDays: 30 },
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: args.network,
          allocatedIpRange: args.allocatedIpRange,
          // DALP connects with sslmode=require: TLS is required, client certificates are not.
          sslMode: "ENCRYPTED_ONLY",
          enablePrivatePathForGoogleCloudServices: false,
        },
        // Sunday 03:00 UTC, after the backup and the 02:00 Velero schedule.
        maintenanceWindow: { day: 7, hour: 3, updateTrack: "stable" },
        insightsConfig: { queryInsightsEnabled: true, recordClientAddress: false, recordApplicationTags: false },
        databaseFlags: [{ name: "log_min_duration_statement", value: "1000" }],
        ...(args.edition === "ENTERPRISE_PLUS" ? { dataCacheConfig: { dataCacheEnabled: true } } : {}),
        userLabels: args.labels,
      },
    }, {
      parent: this,
      protect: true,
      dependsOn: [args.privateServicesConnection],
      // What Cloud SQL changes by itself, recorded with the rest in policies/rules/drift/gcp.ts: storage grows
      // automatically, and a configured size below the grown one would read as a shrink (terraform-google-sql-db
      // ignores settings[0].disk_size); a failover puts the primary in the standby's zone, and planning to move
      // it back sends an update the API refuses (terraform-google-sql-db issue #206); all read 2026-12-01.
      ignoreChanges: ["settings.diskSize", "settings.locationPreference.zone", "settings.locationPreference.secondaryZone"],
    });

    // No "/", "@", '"' or space; the rest ("#", "%", "?", ":", brackets) is percent-encoded where DALP's
    // connection URL is built (addons/dalp/dalpApplication.ts).
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: true, overrideSpecial: "!#$%^&*()-_=+[]{}<>:?" }, { parent: this });
    this.password = password.result;

    new sql.User(`${name}-user`, {
      instance: this.instance.name,
      name: args.username,
      password: this.password,
      type: "BUILT_IN",
      // PostgreSQL refuses to drop a role that owns objects; a teardown leaves it to the instance.
      deletionPolicy: "ABANDON",
    }, { parent: this });

    this.database = new sql.Database(`${name}-database`, {
      instance: this.instance.name,
      name: args.databaseName,
      deletionPolicy: "ABANDON",
    }, { parent: this, protect: true });

    this.registerOutputs({ name: this.instance.name, connectionName: this.instance.connectionName, privateIpAddress: this.instance.privateIpAddress });
  }
}
