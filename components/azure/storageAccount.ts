import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PrivateEndpoint } from "./privateEndpoint";
import { deleteLock } from "./resourceLock";

export interface SecureStorageAccountArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** Up to 16 lower-case letters and digits; a random suffix makes the account name globally unique. */
  namePrefix: string;
  /** `Standard_ZRS` (three zones) or `Standard_GZRS` (three zones plus the paired region). */
  redundancy: "Standard_ZRS" | "Standard_GZRS";
  containers: string[];
  noncurrentVersionRetentionDays: number;
  /**
   * Keep the blob change feed for this many days: object replication reads the source account's change feed
   * to find what to copy (learn.microsoft.com/azure/storage/blobs/object-replication-overview, "Prerequisites
   * for object replication", read 2026-12-01). Unset: no change feed.
   */
  changeFeedRetentionDays?: number;
  /**
   * The blob private endpoint's subnet and DNS zone. Absent in a region that holds only copies, which has no
   * network: the account is created without an endpoint and gets one when the region is rebuilt, a child
   * resource of its own that leaves the account as it was.
   */
  privateEndpoint?: { subnetId: pulumi.Input<string>; privateDnsZoneId: pulumi.Input<string> };
  tags: Record<string, string>;
}

/** Blob and container soft delete accept 1 to 365 days (learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview, read 2026-11-22). */
const MAX_SOFT_DELETE_DAYS = 365;

/**
 * A storage account for data that must survive mistakes and a zone loss: zone-redundant, blob versioning,
 * previous versions deleted by a lifecycle rule after the retention window, blob and container soft delete,
 * no anonymous access, no shared keys (Microsoft Entra authorization only, which Velero's Azure plugin and
 * workload identity use), HTTPS with TLS 1.2 or later, public network access off with a private endpoint,
 * and deletion guarded by `protect` and a CanNotDelete lock.
 *
 * Public network access off and `bypass: None` close the data plane only: "Azure Storage firewall rules apply
 * only to data plane operations. Control plane operations aren't subject to the restrictions"
 * (learn.microsoft.com/azure/storage/common/storage-network-security-limitations, read 2026-12-01). Everything
 * this stack declares (containers, blob service, lifecycle, object replication policies) is a control-plane
 * request, and object replication itself is run by the storage service from the source account's change feed
 * ("Azure Storage checks the change feed for the source account periodically and asynchronously replicates any
 * write or delete operations", object-replication-overview, "Object replication policies and rules"), whose
 * prerequisites name no network setting. So an account without an endpoint still receives replicas; only
 * clients (Velero, DALP) need the private endpoint, and they come with it.
 */
export class SecureStorageAccount extends pulumi.ComponentResource {
  readonly account: storage.StorageAccount;
  readonly accountName: pulumi.Output<string>;
  readonly blobEndpoint: pulumi.Output<string>;
  readonly containers: Record<string, storage.BlobContainer>;

  constructor(name: string, args: SecureStorageAccountArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:SecureStorageAccount", name, {}, opts);
    const rg = args.resourceGroupName;
    if (!/^[a-z0-9]{1,16}$/.test(args.namePrefix)) throw new Error(`a storage account name prefix is 1-16 lower-case letters and digits, got ${args.namePrefix}`);

    // Hex digits fit the account-name alphabet; four random bytes make a clash with another tenant's name unlikely.
    const suffix = new random.RandomId(`${name}-suffix`, { byteLength: 4 }, { parent: this });
    this.account = new storage.StorageAccount(`${name}-account`, {
      resourceGroupName: rg,
      location: args.location,
      tags: args.tags,
      accountName: pulumi.interpolate`${args.namePrefix}${suffix.hex}`,
      kind: "StorageV2",
      sku: { name: args.redundancy },
      accessTier: "Hot",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
      isLocalUserEnabled: false,
      isSftpEnabled: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "None" },
    }, {
      parent: this,
      protect: true,
      // A geo-redundant account fails over to the paired region: its primary region (`location`) becomes the
      // former secondary and, after an unplanned failover, its SKU becomes LRS. Undoing either is not Pulumi's
      // call (a location change would replace the protected account); policies/rules/drift/azure.ts has the source.
      ignoreChanges: args.redundancy === "Standard_GZRS" ? ["location", "sku.name"] : [],
    });
    this.accountName = this.account.name;
    this.blobEndpoint = this.account.primaryEndpoints.apply((e) => e.blob);
    deleteLock(`${name}-lock`, this.account.id, "DALP object storage: remove this lock before deleting the account", this);

    // Soft delete as long as versions are kept: a version the lifecycle rule deletes (it counts from the
    // version's creation, not from when it stopped being current) stays recoverable for the window.
    const softDeleteDays = Math.min(args.noncurrentVersionRetentionDays, MAX_SOFT_DELETE_DAYS);
    const blobService = new storage.BlobServiceProperties(`${name}-blob-service`, {
      resourceGroupName: rg,
      accountName: this.account.name,
      blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: softDeleteDays },
      containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays },
      ...(args.changeFeedRetentionDays !== undefined ? { changeFeed: { enabled: true, retentionInDays: args.changeFeedRetentionDays } } : {}),
    }, { parent: this });

    new storage.ManagementPolicy(`${name}-lifecycle`, {
      resourceGroupName: rg,
      accountName: this.account.name,
      managementPolicyName: "default",
      policy: {
        rules: [
          {
            name: "expire-noncurrent-versions",
            enabled: true,
            type: "Lifecycle",
            definition: {
              filters: { blobTypes: ["blockBlob"] },
              actions: { version: { delete: { daysAfterCreationGreaterThan: args.noncurrentVersionRetentionDays } } },
            },
          },
        ],
      },
    }, { parent: this, dependsOn: [blobService] });

    this.containers = Object.fromEntries(
      args.containers.map((containerName) => [
        containerName,
        new storage.BlobContainer(`${name}-${containerName}`, {
          resourceGroupName: rg,
          accountName: this.account.name,
          containerName,
          publicAccess: "None",
        }, { parent: this, dependsOn: [blobService], protect: true }),
      ]),
    );

    if (args.privateEndpoint) {
      new PrivateEndpoint(`${name}-private`, {
        resourceGroupName: rg,
        location: args.location,
        subnetId: args.privateEndpoint.subnetId,
        targetId: this.account.id,
        groupId: "blob",
        privateDnsZoneId: args.privateEndpoint.privateDnsZoneId,
        tags: args.tags,
      }, { parent: this });
    }

    this.registerOutputs({ accountName: this.accountName, blobEndpoint: this.blobEndpoint });
  }
}
