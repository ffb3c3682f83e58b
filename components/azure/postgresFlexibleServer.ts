import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { deleteLock } from "./resourceLock";

export interface PostgresFlexibleServerArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  version: string;
  sku: string;
  tier: "GeneralPurpose" | "MemoryOptimized";
  /** One of the Premium SSD sizes Flexible Server offers. */
  storageGb: number;
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
  /** The private DNS zone's VNet link: the server registers its address there on creation. */
  dependsOn: pulumi.Resource[];
  tags: Record<string, string>;
}

/**
 * Azure Database for PostgreSQL Flexible Server with zone-redundant high availability (a synchronous standby
 * in another zone, automatic failover), automated backups with point-in-time restore for the retention
 * window, optionally geo-redundant, private access only (a delegated subnet and a private DNS zone; no public
 * endpoint), TLS required, a generated administrator password handed on only as a secret, and deletion
 * guarded by `protect` and a CanNotDelete lock.
 */
export class PostgresFlexibleServer extends pulumi.ComponentResource {
  readonly server: dbforpostgresql.Server;
  readonly database: dbforpostgresql.Database;
  readonly password: pulumi.Output<string>;

  constructor(name: string, args: PostgresFlexibleServerArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:PostgresFlexibleServer", name, {}, opts);
    if (args.zone === args.standbyZone) throw new Error(`the standby must be in another zone than the primary (${args.zone})`);
    const rg = args.resourceGroupName;

    // Only characters that need no escaping in a connection URL.
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: true, overrideSpecial: "-_.~!*" }, { parent: this });
    this.password = password.result;

    this.server = new dbforpostgresql.Server(`${name}-server`, {
      resourceGroupName: rg,
      location: args.location,
      tags: args.tags,
      version: args.version,
      sku: { name: args.sku, tier: args.tier },
      storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled", type: "Premium_LRS" },
      administratorLogin: args.username,
      administratorLoginPassword: this.password,
      authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Disabled" },
      availabilityZone: args.zone,
      highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: args.standbyZone },
      // Geo-redundant backup storage can only be chosen when the server is created; changing it later
      // would replace the server, which `protect` and the lock stop.
      backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: args.geoRedundantBackup ? "Enabled" : "Disabled" },
      network: { delegatedSubnetResourceId: args.delegatedSubnetId, privateDnsZoneArmResourceId: args.privateDnsZoneId, publicNetworkAccess: "Disabled" },
      // Sunday 03:00 UTC, a fixed weekly window rather than the service's pick, so the failover maintenance may
      // cause comes when it is expected. Velero's schedules (hourly and weekly at 03:00 among them) back up
      // Kubernetes objects and volumes, not this database, so they need not avoid it.
      maintenanceWindow: { customWindow: "Enabled", dayOfWeek: 0, startHour: 3, startMinute: 0 },
    }, {
      parent: this,
      dependsOn: args.dependsOn,
      protect: true,
      // What Azure changes by itself (policies/rules/drift/azure.ts has each with its source): a failover
      // swaps the primary and standby zones, and auto-grow enlarges the storage, which can never shrink back.
      // Left unignored, the next `pulumi up --refresh` would move the primary back or fail shrinking the disk.
      ignoreChanges: ["availabilityZone", "highAvailability.standbyAvailabilityZone", "storage.storageSizeGB"],
    });
    deleteLock(`${name}-lock`, this.server.id, "DALP PostgreSQL: remove this lock before deleting the server", this);

    // Flexible Server applies one configuration change at a time, so they are chained.
    const tls = new dbforpostgresql.Configuration(`${name}-require-secure-transport`, {
      resourceGroupName: rg,
      serverName: this.server.name,
      configurationName: "require_secure_transport",
      value: "on",
      source: "user-override",
    }, { parent: this });
    new dbforpostgresql.Configuration(`${name}-ssl-min-protocol-version`, {
      resourceGroupName: rg,
      serverName: this.server.name,
      configurationName: "ssl_min_protocol_version",
      value: "TLSv1.2",
      source: "user-override",
    }, { parent: this, dependsOn: [tls] });

    this.database = new dbforpostgresql.Database(`${name}-database`, {
      resourceGroupName: rg,
      serverName: this.server.name,
      databaseName: args.databaseName,
      charset: "UTF8",
      collation: "en_US.utf8",
    }, { parent: this, protect: true });

    this.registerOutputs({ name: this.server.name, host: this.server.fullyQualifiedDomainName });
  }
}
