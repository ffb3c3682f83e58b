import * as pulumi from "@pulumi/pulumi";
import { SecureStorageAccount, SecureStorageAccountArgs } from "../../components/azure/storageAccount";
import type { BucketPort, BucketsPort, StampContext } from "../../ports/adapter";
import { azureAlphanumeric } from "./names";
import type { AzureFoundation, AzureRegionBase } from "./network";

/** Container names; BucketsPort's bucket name on Azure is the container name. */
export const CONTAINERS = {
  app: "dalp-app",
  backup: "dalp-backup",
  /**
   * Where another region's backups are replicated to. Object replication makes its destination container
   * refuse every write with 409 while the policy exists ("After you create the replication policy, write
   * operations to the destination container are not permitted", learn.microsoft.com/azure/storage/blobs/
   * object-replication-overview, "Replication rules", read 2026-12-01), and this region's Velero writes its
   * own backups to `backup`: the copies need a container of their own.
   */
  backupReplica: "dalp-backup-replica",
} as const;

export interface AzureBuckets extends BucketsPort {
  storage: SecureStorageAccount;
  resourceGroupName: pulumi.Output<string>;
  /** The container that receives another region's backups; only in a stack of several regions. */
  backupReplica?: BucketPort;
}

/** Whether the topology spans regions: then every account can be a replication source or destination. */
const multiRegion = (ctx: StampContext) => ctx.topology.stamps.length > 1;

/** A full stamp's buckets: the account and its containers, reached from the stamp's network through a private endpoint. */
export function buildBuckets(ctx: StampContext, net: AzureFoundation, tags: Record<string, string>): AzureBuckets {
  return declareBuckets(ctx, net, tags, { subnetId: net.network.endpointsSubnetId, privateDnsZoneId: net.dns.blob.id });
}

/**
 * A vault's buckets: the same account and containers as the full stamp's, created before anything replicates
 * into them (object replication refuses a container that does not exist yet), and no private endpoint, which
 * bills by the hour and would need a network. The rebuild declares them again through buildBuckets, which only
 * adds the endpoint.
 */
export function buildVaultBuckets(ctx: StampContext, base: AzureRegionBase, tags: Record<string, string>): AzureBuckets {
  return declareBuckets(ctx, base, tags, undefined);
}

function declareBuckets(ctx: StampContext, net: AzureRegionBase, tags: Record<string, string>, privateEndpoint: SecureStorageAccountArgs["privateEndpoint"]): AzureBuckets {
  const region = ctx.stamp.region;
  const retention = ctx.config.objectStorage.noncurrentVersionRetentionDays;
  // Every account of a multi-region stack gets the replica container and the change feed, whatever its role
  // now: a failover or a return changes which way replication runs, never which containers exist.
  const containers = multiRegion(ctx) ? [CONTAINERS.app, CONTAINERS.backup, CONTAINERS.backupReplica] : [CONTAINERS.app, CONTAINERS.backup];
  const storage = new SecureStorageAccount(`${ctx.prefix}-storage`, {
    resourceGroupName: net.resourceGroup.name,
    location: net.location,
    namePrefix: azureAlphanumeric(16, "dalp", region),
    // Geo-redundant backups on Azure cover the storage that holds the Velero backups as well as the
    // database's: GZRS adds an asynchronous copy in the paired region to the three zones of ZRS. Hot-cold copies
    // the objects to its recovery region, which is the paired region (validate.ts), by object replication
    // already: GZRS there would only store a second copy in the same place, and in the recovery region's account
    // a copy of the copies back in the home region.
    redundancy: ctx.config.postgres.geoRedundantBackup && ctx.topology.pattern !== "hot-cold" ? "Standard_GZRS" : "Standard_ZRS",
    containers,
    noncurrentVersionRetentionDays: retention,
    // As long as the versions it points at are kept: a destination that was unreachable catches up from it.
    changeFeedRetentionDays: multiRegion(ctx) ? retention : undefined,
    privateEndpoint,
    tags,
  }, { parent: ctx.parent, providers: [net.provider, ...ctx.sharedProviders] });
  const bucket = (container: string): BucketPort => ({
    name: storage.containers[container].name,
    endpoint: storage.blobEndpoint,
    region,
    probe: {
      url: pulumi.interpolate`${storage.blobEndpoint}${container}?restype=container`,
      acceptedStatus: [409],
      source: "Blob storage answers every anonymous request to an account with allowBlobPublicAccess false with 409 PublicAccessNotPermitted; a request the account's network rules refuse gets 403 AuthorizationFailure",
    },
  });
  return {
    provider: "azure",
    app: bucket(CONTAINERS.app),
    backup: bucket(CONTAINERS.backup),
    ...(multiRegion(ctx) ? { backupReplica: bucket(CONTAINERS.backupReplica) } : {}),
    storage,
    resourceGroupName: net.resourceGroup.name,
  };
}
