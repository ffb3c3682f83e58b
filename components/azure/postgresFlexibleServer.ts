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
 */
export class PostgresFlexibleServer extends pulumi.ComponentResource {
  readonly server: dbforpostgresql.Server;
  /** The application database; a replica has it by replication, not as a resource of its own. */
  readonly database?: dbforpostgresql.Database;
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: PostgresFlexibleServerArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PostgresFlexibleServer", name, {}, opts);
    if (args.zone === args.standbyZone) throw new Error(`the standby must be in another zone than the primary (${args.zone})`);
    const rg = args.resourceGroupName;
    const replica = args.replicaOf;

    this.password = args.password;
    const protect = !args.released;

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
    this.server = new dbforpostgresql.Server(`${name}-server`, replica
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
      ignoreChanges: replica
        ? ["availabilityZone", "storage.storageSizeGB", "sourceServerResourceId", "createMode", ...(replica.promoted ? ["highAvailability"] : [])]
        : ["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"],
      // A geo replica is seeded from a base backup of its source sent across regions: "minutes to several
      // hours" (learn.microsoft.com/azure/postgresql/read-replica/concepts-read-replicas, read 2026-12-01),
      // longer than azure-native's default of 2 hours per operation for a large or busy source.
      customTimeouts: replica ? { create: "12h" } : undefined,
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

    this.database = replica
      ? undefined
      : new dbforpostgresql.Database(`${name}-database`, {
          resourceGroupName: rg,
          serverName: this.server.name,
          databaseName: args.databaseName,
          charset: "UTF8",
          collation: "en_US.utf8",
        }, { parent: this, protect, deletedWith: this.server });
    deleteLock(`${name}-lock`, this.server.id, "DALP PostgreSQL: remove this lock before deleting the server", this, {
      released: args.released,
      after: [tls, minTls, ...(this.database ? [this.database] : [])],
    });

    this.registerOutputs({ name: this.server.name, host: this.server.fullyQualifiedDomainName });
  }
}
