import * as redis from "@pulumi/gcp/redis";
import * as pulumi from "@pulumi/pulumi";

/**
 * How long Pulumi waits for the instance. The provider's own default is 20 minutes for create and update
 * (terraform-provider-google google/services/redis/resource_redis_instance.go, Timeouts, commit e03b762, read
 * 2026-12-01), and a create that outlasts it clears the resource's id ("The resource didn't actually create"):
 * the instance goes on being built while Pulumi forgets it, and every later `pulumi up` fails on a name that
 * already exists until the instance is imported. A Standard Tier instance with read replicas, or a resize of
 * one, can take longer than that (estimate: Google publishes no duration), so the wait is an hour.
 */
export const MEMORYSTORE_TIMEOUTS = { create: "60m", update: "60m", delete: "60m" } as const;

export interface MemorystoreRedisArgs {
  /** Instance id (at most 40 characters, which an auto-name with a long region name would exceed). */
  instanceName: string;
  region: string;
  /** The primary's zone first, then the zone that must hold a replica; both from the configured zones. */
  zones: string[];
  network: pulumi.Input<string>;
  /** Name of the private services access range the instance's addresses come from. */
  reservedIpRange: pulumi.Input<string>;
  /** The private services access peering; the instance cannot be created before it. */
  privateServicesConnection: pulumi.Resource;
  /** API spelling, e.g. REDIS_7_2. */
  redisVersion: string;
  memorySizeGb: number;
  replicas: number;
  /**
   * A restore drill's cache, deleted when the drill is turned off: Basic Tier (one node, no replica to fail over
   * to, `replicas` unused), no snapshots, and nothing that stops the delete (no `protect`, no deletion
   * protection). TLS and AUTH stay as on the region's own cache.
   */
  disposable?: boolean;
}

/**
 * Memorystore for Redis, Standard Tier: a primary and read replicas across zones with automatic failover, TLS
 * with server authentication, AUTH with a service-generated string (a secret), private services access only,
 * daily RDB snapshots so a failover or restart does not start from an empty cache. The server CA certificate
 * is exported for clients, which must verify it (Memorystore's CA is not a public one). A `disposable` instance
 * (the restore drill's) is Basic Tier with the same TLS and AUTH, and nothing protects it.
 */
export class MemorystoreRedis extends pulumi.ComponentResource {
  readonly instance: redis.Instance;
  readonly authString: pulumi.Output<string>;
  readonly caCertificate: pulumi.Output<string>;

  constructor(name: string, args: MemorystoreRedisArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:MemorystoreRedis", name, {}, opts);

    const disposable = args.disposable === true;
    this.instance = new redis.Instance(`${name}-instance`, {
      name: args.instanceName,
      region: args.region,
      tier: disposable ? "BASIC" : "STANDARD_HA",
      memorySizeGb: args.memorySizeGb,
      redisVersion: args.redisVersion,
      // The primary in the first zone and at least one replica in the second; further replicas are spread by
      // the service across the region's zones. A Basic Tier instance is one node in the first zone: the provider
      // takes no alternative zone, read replicas or replica count for it ("Only applicable to STANDARD_HA tier";
      // replica_count "The valid value for basic tier is 0"; terraform-provider-google
      // google/services/redis/resource_redis_instance.go, commit e03b762, read 2026-12-01).
      locationId: args.zones[0],
      ...(disposable ? {} : { alternativeLocationId: args.zones[1], readReplicasMode: "READ_REPLICAS_ENABLED", replicaCount: args.replicas }),
      connectMode: "PRIVATE_SERVICE_ACCESS",
      authorizedNetwork: args.network,
      reservedIpRange: args.reservedIpRange,
      authEnabled: true,
      transitEncryptionMode: "SERVER_AUTHENTICATION",
      // Memorystore keeps only the latest snapshot, so there is no retention to set
      // (`dalp:cache.snapshotRetentionDays` is 0 on GCP); one a day, aligned to 01:30 UTC, before the backups.
      // A drill's cache holds nothing worth keeping across a restart, so it takes no snapshots.
      persistenceConfig: disposable
        ? { persistenceMode: "DISABLED" }
        : { persistenceMode: "RDB", rdbSnapshotPeriod: "TWENTY_FOUR_HOURS", rdbSnapshotStartTime: "2026-01-01T01:30:00Z" },
      maintenancePolicy: { weeklyMaintenanceWindows: [{ day: "SUNDAY", startTime: { hours: 4, minutes: 0, seconds: 0, nanos: 0 } }] },
      displayName: disposable ? "DALP restore drill cache" : "DALP cache",
      deletionProtection: !disposable,
    }, { parent: this, protect: !disposable, dependsOn: [args.privateServicesConnection], customTimeouts: { ...MEMORYSTORE_TIMEOUTS } });

    // The provider marks it secret already; wrapping keeps it secret wherever it is combined.
    this.authString = pulumi.secret(this.instance.authString);
    this.caCertificate = this.instance.serverCaCerts.apply((certs) => certs[0]?.cert ?? "");
    this.registerOutputs({ id: this.instance.id, host: this.instance.host, port: this.instance.port });
  }
}
