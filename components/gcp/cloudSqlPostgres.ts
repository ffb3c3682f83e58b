import * as sql from "@pulumi/gcp/sql";
import * as pulumi from "@pulumi/pulumi";

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
  /** What the instance is in the pattern; a primary when absent. */
  placement?: CloudSqlPlacement;

  /** The DALP user's password (a secret), the deployment's: a replica has it by replication. */
  password: pulumi.Output<string>;
  /**
   * The return's first step: `protect` and both deletion protections lifted, so that the next step may delete
   * the instance (its final backup is still taken). Nothing else changes.
   */
  released?: boolean;
}

/**
 * - primary: the deployment's original primary (also when a failover has left it behind: the failover does not
 *   touch it; the return's release lifts its deletion protection, and its recreate deletes it).
 * - replica: a cross-region read replica of `masterInstanceName`, which holds the users and the database.
 * - promoted: that same replica after failover, a standalone primary; the same resource with replication removed.
 * A replica and a promoted instance create no user, password or database of their own: replication brought them.
 */
export type CloudSqlPlacement = { role: "primary" } | { role: "replica"; masterInstanceName: pulumi.Input<string> } | { role: "promoted" };

/**
 * Cloud SQL for PostgreSQL with regional availability (a synchronous standby in a second zone, automatic
 * failover), daily backups and point-in-time recovery for the retention window, a private address only,
 * encrypted connections required, and deletion protection in both Pulumi and the Cloud SQL API. The DALP user's
 * password is generated and handed on only as a secret.
 */
export class CloudSqlPostgres extends pulumi.ComponentResource {
  readonly instance: sql.DatabaseInstance;
  /** The DALP database; on a replica or a promoted instance it came with replication and is not declared here. */
  readonly database?: sql.Database;
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: CloudSqlPostgresArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:CloudSqlPostgres", name, {}, opts);

    const placement = args.placement ?? { role: "primary" };
    // Backups, point-in-time recovery and a final backup belong to a primary: Cloud SQL takes none of a read replica,
    // and a promotion turns them on together with removing the replication (the provider's switchover guide for
    // PostgreSQL: "Enable backup and PITR" on the promoted replica, "Disable backup and PITR" on a primary turned
    // replica; hashicorp/terraform-provider-google website/docs/guides/sql_instance_switchover.html.markdown, commit
    // e03b762, read 2026-12-01).
    const takesBackups = placement.role !== "replica";
    const released = args.released === true;
    this.password = args.password;
    this.instance = new sql.DatabaseInstance(`${name}-instance`, {
      region: args.region,
      databaseVersion: `POSTGRES_${args.version}`,
      // Pulumi side: the provider refuses to delete the instance while this is true.
      deletionProtection: !released,
      ...replication(placement),
      settings: {
        edition: args.edition,
        tier: args.tier,
        // A replica is regional too, so that a promotion leaves the new primary with a standby in a second zone
        // and needs no restart to get one.
        availabilityType: "REGIONAL",
        locationPreference: { zone: args.zones[0], secondaryZone: args.zones[1] },
        // API side: Cloud SQL itself refuses deletion from any client (console, gcloud, API).
        deletionProtectionEnabled: !released,
        diskType: "PD_SSD",
        diskSize: args.storageGb,
        diskAutoresize: true,
        diskAutoresizeLimit: args.maxStorageGb,
        backupConfiguration: takesBackups
          ? {
              enabled: true,
              // Backups before the 02:00 Velero schedule; Cloud SQL starts within four hours of this time (UTC).
              startTime: "00:00",
              pointInTimeRecoveryEnabled: args.pointInTimeRecovery,
              transactionLogRetentionDays: args.backupRetentionDays,
              // One backup more than days of logs, so the whole window always has a base backup to replay from
              // (Cloud SQL "Use point-in-time recovery", log retention, read 2026-11-22).
              backupRetentionSettings: { retainedBackups: args.backupRetentionDays + 1, retentionUnit: "COUNT" },
            }
          : { enabled: false, pointInTimeRecoveryEnabled: false },
        // Automated backups outlive the instance, and a final backup is taken if it is ever deleted.
        ...(takesBackups ? { retainBackupsOnDelete: true, finalBackupConfig: { enabled: true, retentionDays: 30 } } : {}),
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
      protect: !released,
      dependsOn: [args.privateServicesConnection],
      // What Cloud SQL changes by itself, recorded with the rest in policies/rules/drift/gcp.ts: storage grows
      // automatically, and a configured size below the grown one would read as a shrink (terraform-google-sql-db
      // ignores settings[0].disk_size); a failover puts the primary in the standby's zone, and planning to move
      // it back sends an update the API refuses (terraform-google-sql-db issue #206); all read 2026-12-01.
      ignoreChanges: ["settings.diskSize", "settings.locationPreference.zone", "settings.locationPreference.secondaryZone"],
      // A cross-region replica copies the primary's data before it is created; the provider's default of 90
      // minutes (resource_sql_database_instance.go Timeouts) is for an empty instance, and on a timeout the
      // provider forgets the instance while Cloud SQL goes on building it. 6 h is an estimate for a database of
      // hundreds of GiB; a create that still times out is `pulumi import`ed, not created again.
      customTimeouts: placement.role === "replica" ? { create: "6h" } : undefined,
    });

    if (placement.role !== "primary") {
      this.registerOutputs({ name: this.instance.name, connectionName: this.instance.connectionName, privateIpAddress: this.instance.privateIpAddress });
      return;
    }

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
    }, { parent: this, protect: !released });

    this.registerOutputs({ name: this.instance.name, connectionName: this.instance.connectionName, privateIpAddress: this.instance.privateIpAddress });
  }
}

/**
 * The replication inputs of each placement. A promotion is an update in place: `instanceType` goes from
 * READ_REPLICA_INSTANCE to CLOUD_SQL_INSTANCE and `masterInstanceName` is removed, on which the provider calls
 * `instances.promoteReplica` (resourceSqlDatabaseInstanceUpdate, replicaDRByPromote). `masterInstanceName` is
 * Optional+Computed and forces a replacement only when it is set to a new value (CustomizeDiff ForceNewIf); the
 * promotion's CustomizeDiff clears it after that check (checkPromoteConfigurationsAndUpdateDiff). Source:
 * hashicorp/terraform-provider-google google/services/sql/resource_sql_database_instance.go, commit e03b762, and the
 * resource docs ("To promote, users have to set the instance_type property as CLOUD_SQL_INSTANCE and remove/unset
 * master_instance_name and replica_configuration"), read 2026-12-01. A primary sets neither, as before.
 */
function replication(placement: CloudSqlPlacement): Partial<sql.DatabaseInstanceArgs> {
  switch (placement.role) {
    case "primary":
      return {};
    case "replica":
      return { instanceType: "READ_REPLICA_INSTANCE", masterInstanceName: placement.masterInstanceName };
    case "promoted":
      return { instanceType: "CLOUD_SQL_INSTANCE" };
  }
}
