import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import { deleteLock } from "./resourceLock";

export interface PostgresFlexibleServerArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  version: string;
  sku: string;
  tier: "GeneralPurpose" | "MemoryOptimized";
  /** One of the Premium SSD sizes Flexible Server offers; for a replica, at least its source's current size. */
  storageGb: pulumi.Input<number>;
  backupRetentionDays: number;
  /** Keep backups in the paired region too; fixed when the server is created. */
  geoRedundantBackup: boolean;
  /** The primary's zone and the standby's zone; they must differ. */
  zone: string;
  standbyZone: string;
  databaseName: string;
  username: string;
  delegatedSubnetId: pulumi.Input<string>;
  privateDnsZoneId: pulumi.Input<string>;
  /** The private DNS zone's VNet link (the server registers its address there on creation), and for a replica the path to its source. */
  dependsOn: pulumi.Resource[];
  /** Set for a geo read replica: what it replicates and whether failover has promoted it. */
  replicaOf?: ReplicaOf;
  /**
   * Set for a server restored from another server's backups: geo-restored from another region's geo-redundant
   * backups (hot-cold's rebuild), or restored to a point in time in the source's own region (the restore drill).
   */
  restoreOf?: RestoreOf;
  /**
   * The server's name, where it is chosen rather than generated (a re-seeded replica, which a later run looks up
   * by it); an Output when it is read back from Azure because the server must exist already.
   */
  serverName?: pulumi.Input<string>;
  /** The administrator password (a secret), the deployment's: a replica inherits it from its source. */
  password: pulumi.Output<string>;
  /**
   * The return's first step: `protect` lifted from the server, its database and its lock, so that the next
   * step may delete them. Nothing changes in Azure.
   */
  released?: boolean;
  /**
   * A server that exists only to be thrown away (the restore drill's): no `protect` and no CanNotDelete lock, so
   * turning the drill off deletes it with nothing to lift first.
   */
  disposable?: boolean;
  tags: Record<string, string>;
}

/**
 * A cross-region read replica of `sourceServerId`. A replica inherits the source's administrator and data, so
 * it takes no login, password or database of its own.
 */
export interface ReplicaOf {
  /** Create-only, and kept from the state on every update (`ignoreChanges`): see RECORDED_SOURCE. */
  sourceServerId: pulumi.Input<string>;
  /** Failover promoted it in place to a standalone server. */
  promoted: boolean;
}

/**
 * What Azure refuses on a read replica: "Certain functionalities are restricted to primary servers and can't be
 * set up on read replicas. These include: Backups, including geo-backups. High availability (HA)"
 * (learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas, "Unsupported features on read
 * replicas", read 2026-12-01). Promotion does not carry them over either ("Should you require HA after the
 * promotion, it must be configured on the freshly promoted primary server", concepts-read-replicas-promote,
 * "Configuration management").
 */
const REPLICA_HIGH_AVAILABILITY = { mode: "Disabled" } as const;

/**
 * Promotion as the failover runs it: Standalone ("promote to independent server and remove from
 * replication") leaves the former primary as it was, so the failover needs nothing of the failed region and
 * nothing there changes role behind the stack's back, which Switchover would do (it demotes the old primary to
 * a replica and turns its high availability off, against what the stack declares for it). Forced does not
 * wait for the replica to catch up with a source that may be unreachable: "designed for rapid recovery in
 * scenarios such as regional outages ... the lag at the time you delink the replica from the primary indicates
 * how much data is lost" (concepts-read-replicas-promote, read 2026-12-01); the runbook records that lag.
 */
/**
 * What a promoted server declares as its source once the return has deleted that server: nothing of it is left
 * to read the id from. `sourceServerResourceId` is in `ignoreChanges`, so on an update the engine sends the id
 * recorded at creation in its place (pulumi/pulumi step_generator.go, processIgnoreChanges); only a stack
 * created from scratch in the returned state would send this text, and Azure refuses it as a resource id.
 */
export const RECORDED_SOURCE = "recorded-at-creation:sourceServerResourceId";

export const FAILOVER_PROMOTION = { promoteMode: "Standalone", promoteOption: "Forced" } as const;

/**
 * A restore of `sourceServerId`'s backups into a new server. `GeoRestore` restores the geo-redundant backups into
 * this server's region, the source's paired region (hot-cold's rebuild); `PointInTimeRestore` restores the source's
 * own backups in its own region ("performing a PITR creates a new server in the same region as your source
 * server", concepts-backup-restore, "Point-in-time recovery", read 2026-12-01), the restore drill. Like a replica,
 * a restored server takes its administrator, its databases and their data from the source (the roles are in the
 * restored data directory), so it takes no login, password or database of its own: the Azure CLI's geo-restore and
 * restore send none either (Azure/azure-cli rdbms `flexible_server_georestore` and `flexible_server_restore`, read
 * 2026-12-01). The administrator's password is therefore the source's as of the restored moment, the deployment's
 * password: a password change is itself a write in the source's WAL ("That password change operation, which is
 * recorded in the Write-Ahead Log of the primary server", how-to-reset-admin-password, read 2026-12-01).
 */
export interface RestoreOf {
  createMode: "GeoRestore" | "PointInTimeRestore";
  /** Create-only ([create, read]); kept from the state on every update (`ignoreChanges`). */
  sourceServerId: pulumi.Input<string>;
  /**
   * `pointInTimeUTC`, which the API requires for either restore ("It's required when 'createMode' is
   * 'PointInTimeRestore', 'GeoRestore', or 'ReviveDropped'", @pulumi/azure-native 3.28.0 dbforpostgresql/server.d.ts)
   * and reads only at creation (x-ms-mutability [create], FlexibleServers.json 2025-08-01).
   */
  pointInTimeUTC: string;
}

/**
 * What a restored server is created with that differs from a primary. Azure restores a single server:
 * "If I restore my HA-enabled server, is the restore server automatically configured with high availability? No.
 * The server is restored as a single-instance ... After the restore is complete, you can optionally configure the
 * server with high availability" (concepts-backup-restore, FAQ, ms.date 2026-07-05, read 2026-12-01), and a
 * restore request that asks for it anyway is accepted without an error and without HA
 * (Azure/azure-rest-api-specs#20600, hashicorp/terraform-provider-azurerm#18253). Geo-redundant backup must be off:
 * its copies would go to the source's region, and "When the primary region is down, you can't create
 * geo-redundant servers in the respective geo-paired region" (same page, "Geo-redundant backup and restore").
 */
const RESTORE_HIGH_AVAILABILITY = { mode: "Disabled" } as const;

/**
 * Azure Database for PostgreSQL Flexible Server with zone-redundant high availability (a synchronous standby
 * in another zone, automatic failover), automated backups with point-in-time restore for the retention
 * window, optionally geo-redundant, private access only (a delegated subnet and a private DNS zone; no public
 * endpoint), TLS required, a generated administrator password handed on only as a secret, and deletion
 * guarded by `protect` and a CanNotDelete lock.
 *
 * With `replicaOf` it is a geo read replica of another region's server instead: the same size, storage and
 * network shape, no high availability or geo backup (Azure refuses both on a replica), the source's
 * administrator. Promotion keeps the resource and every create-time input (`createMode`, the source's id) and
 * adds `replica.promoteMode`: an in-place update of the same server.
 *
 * With `restoreOf` it is a new server restored from another server's backups: the same size, storage, version,
 * network shape, retention, TLS settings, maintenance window, protection and lock as a primary, the source's
 * administrator and data, and zone-redundant HA switched on after the restore (RESTORE_HIGH_AVAILABILITY).
 *
 * `disposable` drops the protection and the lock: the restore drill's server, which turning the drill off deletes.
 */
export class PostgresFlexibleServer extends pulumi.ComponentResource {
  readonly server: dbforpostgresql.Server;
  /** The application database; a replica has it by replication and a restored server from the backup, not as a resource of its own. */
  readonly database?: dbforpostgresql.Database;
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: PostgresFlexibleServerArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PostgresFlexibleServer", name, {}, opts);
    if (args.zone === args.standbyZone) throw new Error(`the standby must be in another zone than the primary (${args.zone})`);
    const rg = args.resourceGroupName;
    const replica = args.replicaOf;

    this.password = args.password;
    const protect = !args.released && !args.disposable;

    const common = {
      ...(args.serverName !== undefined ? { serverName: args.serverName } : {}),
      resourceGroupName: rg,
      location: args.location,
      tags: args.tags,
      version: args.version,
      sku: { name: args.sku, tier: args.tier },
      // A replica's auto-grow must match its source's ("If storage autogrow is enabled on the primary server, it
      // must also be enabled on the replicas", concepts-read-replicas, "Storage autogrow", read 2026-12-01).
      storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled", type: "Premium_LRS" },
      availabilityZone: args.zone,
      network: { delegatedSubnetResourceId: args.delegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" },
      // Sunday 03:00 UTC, a fixed weekly window rather than the service's pick, so the failover maintenance may
      // cause comes when it is expected. Velero's schedules (hourly and weekly at 03:00 among them) back up
      // Kubernetes objects and volumes, not this database, so they need not avoid it.
      maintenanceWindow: { customWindow: "Enabled", dayOfWeek: 0, startHour: 3, startMinute: 0 },
    };
    const restore = args.restoreOf;
    if (replica && restore) throw new Error(`${name} cannot be both a replica and a restore`);
    this.server = new dbforpostgresql.Server(`${name}-server`, restore
      ? {
          ...common,
          createMode: restore.createMode,
          sourceServerResourceId: restore.sourceServerId,
          pointInTimeUTC: restore.pointInTimeUTC,
          highAvailability: RESTORE_HIGH_AVAILABILITY,
          // Either restore keeps the source's retention ("Can't be changed and is automatically set to the same value
          // as the source server", how-to-restore-paired-region, ms.date 2025-11-06, and how-to-restore-latest-restore-point,
          // ms.date 2025-02-03); the stack's is the same value. Geo-redundant backup is chosen at the restore
          // ("Geo-redundancy: Leave this option disabled", same pages) and a restored server never needs it.
          backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: "Disabled" },
        }
      : replica
      ? {
          ...common,
          // Both stay as the replica was created: `sourceServerResourceId` is create-only (FlexibleServers.json
          // 2025-08-01 x-ms-mutability [create, read]) and Azure asks for it on every request to a replica,
          // promotion included (Azure/azure-cli#33776: "Parameter 'properties.sourceServerResourceId' must be
          // specified"). `createMode` is [create, update], so keeping it is no replacement.
          createMode: "Replica",
          sourceServerResourceId: replica.sourceServerId,
          highAvailability: REPLICA_HIGH_AVAILABILITY,
          // The retention applies once promoted, when the server takes backups of its own.
          backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: "Disabled" },
          ...(replica.promoted ? { replica: FAILOVER_PROMOTION } : {}),
        }
      : {
          ...common,
          administratorLogin: args.username,
          administratorLoginPassword: this.password,
          authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Disabled" },
          highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: args.standbyZone },
          // Geo-redundant backup storage can only be chosen when the server is created; changing it later
          // would replace the server, which `protect` and the lock stop.
          backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
        }, {
      parent: this,
      dependsOn: args.dependsOn,
      protect,
      // What Azure changes by itself (policies/rules/drift/azure.ts has each with its source): a failover
      // swaps the primary and standby zones, and auto-grow enlarges the storage, which can never shrink back.
      // Left unignored, the next `pulumi up --refresh` would move the primary back or fail shrinking the disk.
      // A replica's create-time inputs are kept as created: Azure stops returning its source once it is
      // promoted, and a refresh would otherwise turn the missing create-only id into a replacement.
      // Once promoted, its high availability is switched on by the runbook's promotion step (Azure takes it only on a
      // server that is already a primary), and a later update must not switch it off again.
      // A restored server's restore inputs are read once, when it is created: a later edit of
      // `dalp:recover.pointInTime` or `dalp:drill.pointInTime`, a changed source id or the next run's time must never
      // replace it (the source id and the time are create-only, so a change would). Its high availability is
      // switched on by a request of its own once the restore has completed (RESTORE_HIGH_AVAILABILITY), and kept as set.
      ignoreChanges: restore
        ? ["availabilityZone", "storage.storageSizeGB", "createMode", "sourceServerResourceId", "pointInTimeUTC", "highAvailability"]
        : replica
        ? ["availabilityZone", "storage.storageSizeGB", "sourceServerResourceId", "createMode", ...(replica.promoted ? ["highAvailability"] : [])]
        : ["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"],
      // A geo replica is seeded from a base backup of its source sent across regions: "minutes to several
      // hours" (learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas, read 2026-12-01),
      // longer than azure-native's default of 2 hours per operation for a large or busy source. A geo-restore
      // restores the latest snapshot and replays the WAL copied since: "from a few minutes up to a few hours"
      // (concepts-backup-restore, "Geo-redundant backup and restore"), and a point-in-time restore, which replays the
      // WAL since the snapshot before the chosen moment, "usually takes from few minutes up to a few hours" (same
      // page, "Point-in-time recovery"); the same 12 hours bound all three.
      customTimeouts: replica || restore ? { create: "12h" } : undefined,
    });
    // Flexible Server applies one configuration change at a time, so they are chained. They and the database go
    // with the server without calls of their own (`deletedWith`): azure-native removes a configuration by
    // writing its default back and the database by dropping it, needless requests on a server being deleted
    // (the return's recreate) that may run at once and be refused. A replica keeps its own
    // server parameters ("Server parameters: Most are adjustable", concepts-read-replicas), so it enforces TLS too.
    const tls = new dbforpostgresql.Configuration(`${name}-require-secure-transport`, {
      resourceGroupName: rg,
      serverName: this.server.name,
      configurationName: "require_secure_transport",
      value: "on",
      source: "user-override",
    }, { parent: this, deletedWith: this.server });
    const minTls = new dbforpostgresql.Configuration(`${name}-ssl-min-protocol-version`, {
      resourceGroupName: rg,
      serverName: this.server.name,
      configurationName: "ssl_min_protocol_version",
      value: "TLSv1.2",
      source: "user-override",
    }, { parent: this, dependsOn: [tls], deletedWith: this.server });

    this.database = replica || restore
      ? undefined
      : new dbforpostgresql.Database(`${name}-database`, {
          resourceGroupName: rg,
          serverName: this.server.name,
          databaseName: args.databaseName,
          charset: "UTF8",
          collation: "en_US.utf8",
        }, { parent: this, protect, deletedWith: this.server });
    if (!args.disposable) {
      deleteLock(`${name}-lock`, this.server.id, "DALP PostgreSQL: remove this lock before deleting the server", this, {
        released: args.released,
        after: [tls, minTls, ...(this.database ? [this.database] : [])],
      });
    }

    this.registerOutputs({ name: this.server.name, host: this.server.fullyQualifiedDomainName });
  }
}
