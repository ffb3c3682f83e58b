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
  /**
   * Where Cloud SQL writes the automated backups: a region or a multi-region. Absent, the multi-region that holds
   * the instance's region (Cloud SQL "About Cloud SQL backups", Backup locations, read 2026-12-01).
   */
  backupLocation?: string;
  databaseName: string;
  username: string;
  labels: Record<string, string>;
  /** What the instance is in the pattern; a primary when absent. */
  placement?: CloudSqlPlacement;

  /**
   * The DALP user's password (a secret), the deployment's: a replica has it by replication, a restored instance
   * from the backup, a clone from its source (the role and its password come with the databases).
   */
  password: pulumi.Output<string>;
  /**
   * The return's first step: `protect` and both deletion protections lifted, so that the next step may delete
   * the instance (its final backup is still taken). Nothing else changes.
   */
  released?: boolean;
  /**
   * A restore drill's instance, deleted when the drill is turned off: one zone, no backups of its own, and
   * nothing that stops the delete (no `protect`, neither deletion protection, no final backup, no backups kept
   * after it). Encryption, the private address and TLS stay as on every instance of the stack.
   */
  disposable?: boolean;
}

/**
 * - primary: the deployment's original primary (also when a failover has left it behind: the failover does not
 *   touch it; the return's release lifts its deletion protection, and its recreate deletes it).
 * - replica: a cross-region read replica of `masterInstanceName`, which holds the users and the database.
 * - promoted: that same replica after failover, a standalone primary; the same resource with replication removed.
 * - restored: a new primary, created empty and then restored from backup run `backupRunId` of `sourceInstanceName`
 *   (hot-cold's rebuild, from the backups the source wrote into this region).
 * - clone: a new instance cloned from `sourceInstanceName` in its region, to `pointInTime` or, without one, to the
 *   source's current state (the restore drill).
 * A replica, a promoted, a restored and a cloned instance create no user, password or database of their own:
 * replication, the restore or the clone brought them.
 */
export type CloudSqlPlacement =
  | { role: "primary" }
  | { role: "replica"; masterInstanceName: pulumi.Input<string> }
  | { role: "promoted" }
  | { role: "restored"; sourceInstanceName: pulumi.Input<string>; backupRunId: number; project: string }
  | { role: "clone"; sourceInstanceName: pulumi.Input<string>; pointInTime?: string };

/**
 * Cloud SQL for PostgreSQL with regional availability (a synchronous standby in a second zone, automatic
 * failover), daily backups and point-in-time recovery for the retention window, a private address only,
 * encrypted connections required, and deletion protection in both Pulumi and the Cloud SQL API. The DALP user's
 * password is generated and handed on only as a secret. A `disposable` instance (the restore drill's) keeps the
 * private address and TLS and drops the rest: one zone, no backups, no protection.
 */
export class CloudSqlPostgres extends pulumi.ComponentResource {
  readonly instance: sql.DatabaseInstance;
  /**
   * The DALP database; on a replica or a promoted instance it came with replication, on a restored one with the
   * backup, on a clone with its source, and is not declared here.
   */
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
    const disposable = args.disposable === true;
    const takesBackups = placement.role !== "replica" && !disposable;
    // What may be deleted: a released former primary (the return), or a drill's instance.
    const deletable = args.released === true || disposable;
    this.password = args.password;
    this.instance = new sql.DatabaseInstance(`${name}-instance`, {
      region: args.region,
      databaseVersion: `POSTGRES_${args.version}`,
      // Pulumi side: the provider refuses to delete the instance while this is true.
      deletionProtection: !deletable,
      ...replication(placement, args),
      settings: {
        edition: args.edition,
        tier: args.tier,
        // A replica is regional too, so that a promotion leaves the new primary with a standby in a second zone
        // and needs no restart to get one. A drill's instance lives for the drill and needs no standby.
        ...(disposable
          ? { availabilityType: "ZONAL", locationPreference: { zone: args.zones[0] } }
          : { availabilityType: "REGIONAL", locationPreference: { zone: args.zones[0], secondaryZone: args.zones[1] } }),
        // API side: Cloud SQL itself refuses deletion from any client (console, gcloud, API).
        deletionProtectionEnabled: !deletable,
        diskType: "PD_SSD",
        // A clone starts with its source's disk, grown as it may have; sending the configured size would ask to
        // shrink it. Unset, the provider sends none (DataDiskSizeGb 0 is omitted; expandSqlDatabaseInstanceSettings,
        // resource_sql_database_instance.go, commit e03b762, read 2026-12-01).
        ...(placement.role === "clone" ? {} : { diskSize: args.storageGb }),
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
              // Updatable in place, not ForceNew in the provider schema (hashicorp/terraform-provider-google
              // resource_sql_database_instance.go backup_configuration.location, commit e03b762, read 2026-12-01).
              // That backups taken before it was set move with it is documented nowhere read; a stack that sets it
              // on an existing primary checks `gcloud sql backups list` before counting on them.
              ...(args.backupLocation ? { location: args.backupLocation } : {}),
            }
          : { enabled: false, pointInTimeRecoveryEnabled: false },
        // Automated backups outlive the instance, and a final backup is taken if it is ever deleted. A clone
        // starts with its source's settings, these included (Cloud SQL "Clone instances", FAQ: "The new instance
        // has the same settings", read 2026-12-01), so a drill's instance turns both off explicitly: the provider
        // always sends them (ForceSendFields RetainBackupsOnDelete and FinalBackupConfig.Enabled, same file).
        ...(takesBackups ? { retainBackupsOnDelete: true, finalBackupConfig: { enabled: true, retentionDays: 30 } } : {}),
        ...(disposable ? { retainBackupsOnDelete: false, finalBackupConfig: { enabled: false } } : {}),
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
      protect: !deletable,
      dependsOn: [args.privateServicesConnection],
      // What Cloud SQL changes by itself, recorded with the rest in policies/rules/drift/gcp.ts: storage grows
      // automatically, and a configured size below the grown one would read as a shrink (terraform-google-sql-db
      // ignores settings[0].disk_size); a failover puts the primary in the standby's zone, and planning to move
      // it back sends an update the API refuses (terraform-google-sql-db issue #206); all read 2026-12-01. A
      // restore grows the disk too: Cloud SQL sets the target's storage to the larger of its own and the source's
      // at backup time (Cloud SQL "About restoring an instance", Tips for restoring to a different instance).
      //
      // A restored instance also ignores its restore input. `restoreBackupContext` does not force a new instance:
      // on any later change the provider restores that backup over the live database (resourceSqlDatabaseInstance
      // Update: "Perform a backup restore if the backup context exists and has changed", commit e03b762, read
      // 2026-12-01), which is worse than a replacement. The backup it names is looked up on every run
      // (stacks/gcp/discover.ts) and moves on once the home region takes backups again, and no edit of
      // `dalp:recover` may reach a database that has been serving since the rebuild: the input counts once, at
      // the create.
      //
      // A clone ignores its clone context the same way. The provider reads `clone` only in its create (the clone
      // call), never in an update, and the schema does not force a new instance on it (not ForceNew; the
      // provider's own clone tests ignore `clone[0].point_in_time`, resource_sql_database_instance_test.go,
      // commit e03b762, read 2026-12-01): a later edit of `dalp:drill.pointInTime` would plan an update that does
      // nothing. To drill another moment the drill is turned off and on again.
      ignoreChanges: [
        "settings.diskSize",
        "settings.locationPreference.zone",
        "settings.locationPreference.secondaryZone",
        ...(placement.role === "restored" ? ["restoreBackupContext"] : []),
        ...(placement.role === "clone" ? ["clone"] : []),
      ],
      customTimeouts: createTimeouts(placement),
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
    }, { parent: this, protect: !deletable });

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
function replication(placement: CloudSqlPlacement, args: CloudSqlPostgresArgs): Partial<sql.DatabaseInstanceArgs> {
  switch (placement.role) {
    case "primary":
      return {};
    case "clone":
      // The provider calls `instances.clone` on the source with this context instead of inserting an instance,
      // then updates the clone with the settings above (resourceSqlDatabaseInstanceCreate: "If we've created an
      // instance as a clone or pitr, we need to update it to set any user defined settings", commit e03b762, read
      // 2026-12-01). The clone is in the source's project and region (the context takes no region): Cloud SQL
      // "Clone instances" and gcloud sql instances clone ("Source and destination instances must be in the same
      // project"), read 2026-12-01. Without `pointInTime` Cloud SQL clones "the current state of the instance"
      // (gcloud sql instances clone, PostgreSQL), which is the latest restorable time; with one it replays the
      // source's write-ahead logs, so the source must have point-in-time recovery on (stacks/gcp/validate.ts
      // refuses it otherwise). The clone's private address comes from `allocatedIpRange` ("the cloned instance
      // ip will be created in the allocated range", provider docs, sql.DatabaseInstance clone, @pulumi/gcp
      // 9.37): the region's own private services range, as every instance of the region. A zone is asked for
      // only with a point in time: a clone in the source's zone without one is a fast clone from an instant
      // snapshot, and "specifying a different zone (or even re-specifying the same zone)" makes it a standard
      // clone, whose "duration ... is proportional to the database size"; a point in time is a standard clone in
      // any case (Cloud SQL for PostgreSQL "Clone instances", Fast clone, read 2026-12-01). The settings update
      // then puts a fast clone in the first configured zone if its source's primary was elsewhere.
      return {
        clone: {
          sourceInstanceName: placement.sourceInstanceName,
          allocatedIpRange: args.allocatedIpRange,
          ...(placement.pointInTime !== undefined ? { pointInTime: placement.pointInTime, preferredZone: args.zones[0] } : {}),
        },
      };
    case "restored":
      // The provider inserts the instance with the settings above, then calls `instances.restoreBackup` with this
      // context on it (resourceSqlDatabaseInstanceCreate, sqlDatabaseInstanceRestoreFromBackup, commit e03b762,
      // read 2026-12-01). The restore brings the source's databases and users, the DALP role with its password
      // included; the flags stay the target's (Cloud SQL "About restoring an instance", What happens during a
      // restore, read 2026-12-01).
      return { restoreBackupContext: { backupRunId: placement.backupRunId, instanceId: placement.sourceInstanceName, project: placement.project } };
    case "replica":
      return { instanceType: "READ_REPLICA_INSTANCE", masterInstanceName: placement.masterInstanceName };
    case "promoted":
      return { instanceType: "CLOUD_SQL_INSTANCE" };
  }
}

/**
 * How long the provider waits. A cross-region replica copies the primary's data before it is created, and a
 * restored instance is restored inside its create, awaited with the *update* timeout
 * (sqlDatabaseInstanceRestoreFromBackup waits `d.Timeout(schema.TimeoutUpdate)`); the provider's default of 90
 * minutes for each (resource_sql_database_instance.go Timeouts, commit e03b762, read 2026-12-01) is for an empty
 * instance. On a timeout of the insert the provider forgets the instance while Cloud SQL goes on building it (the
 * instance is then `pulumi import`ed, not created again); on a timeout of the restore the provider has kept the
 * instance's id, so the state holds it with its error while Cloud SQL finishes the restore (`gcloud sql
 * operations list --instance`), which a rerun must wait for. 6 h is an estimate for a database of hundreds of GiB.
 */
function createTimeouts(placement: CloudSqlPlacement): pulumi.CustomTimeouts | undefined {
  switch (placement.role) {
    case "replica":
      return { create: "6h" };
    // A clone is awaited with the create timeout, and its settings update after it with the update timeout
    // (resourceSqlDatabaseInstanceCreate, as above). A standard clone copies the whole database, "several hours
    // for large databases" (Cloud SQL for PostgreSQL "Clone instances", Comparison of clone methods, read
    // 2026-12-01); a point in time replays logs on top of it. 6 h is the same estimate as a restore's.
    case "restored":
    case "clone":
      return { create: "6h", update: "6h" };
    default:
      return undefined;
  }
}
