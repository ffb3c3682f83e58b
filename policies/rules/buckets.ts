import type { PolicyResource } from "@pulumi/policy";
import { DalpPolicy, get, ofTypes, resourceRule, stackRule } from "./kit";
import { T } from "./types";

const BACKUP_PAGE = "Backup and recovery, What gets backed up: object storage, bucket versioning, 90 days";
const READINESS = "Cloud-native HA, Production readiness checks: Object storage";

/** The S3 setting resources (versioning, lifecycle, ...) that point at a bucket. */
export function settingsOf(bucket: PolicyResource, resources: PolicyResource[], type: string): PolicyResource[] {
  const names = new Set([bucket.props.id, bucket.props.bucket].filter((n) => typeof n === "string"));
  return resources.filter((r) => r.type === type && names.has(r.props.bucket));
}

/** Azure storage-account settings (blob service, management policy) of an account. */
export function accountSettings(account: PolicyResource, resources: PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type && r.props.accountName === account.props.name && r.props.resourceGroupName === account.props.resourceGroupName);
}

export function storeName(store: PolicyResource): string {
  const kind = store.type === T.azure.storageAccount ? "storage account" : "bucket";
  return `${kind} ${store.props.bucket ?? store.props.name ?? store.name}`;
}

/** Whether a bucket (or Azure storage account) in the stack keeps object versions. */
export function isVersioned(store: PolicyResource, resources: PolicyResource[]): boolean {
  if (store.type === T.aws.bucket) {
    return get(store.props, "versioning.enabled") === true || settingsOf(store, resources, T.aws.bucketVersioning).some((v) => get(v.props, "versioningConfiguration.status") === "Enabled");
  }
  if (store.type === T.azure.storageAccount) return accountSettings(store, resources, T.azure.blobService).some((s) => s.props.isVersioningEnabled === true);
  if (store.type === T.gcp.bucket) return get(store.props, "versioning.enabled") === true;
  return false;
}

export const bucketRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-bucket-enable-versioning",
      description: "Object storage keeps every version of every object.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: `${BACKUP_PAGE}; ${READINESS}`,
      remediationSteps: "AWS: an aws.s3.BucketVersioning with status Enabled per bucket. Azure: BlobServiceProperties isVersioningEnabled: true. GCP: versioning.enabled: true.",
    },
    (args, report) => {
      for (const store of ofTypes(args.resources, [T.aws.bucket, T.azure.storageAccount, T.gcp.bucket])) {
        if (!isVersioned(store, args.resources)) report(`${storeName(store)} does not keep object versions.`, store.urn);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-bucket-retain-noncurrent-versions",
      description: "Noncurrent object versions are kept at least the configured number of days before they expire.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: BACKUP_PAGE,
      remediationSteps:
        "Expire noncurrent versions no sooner than 90 days: AWS noncurrentVersionExpiration.noncurrentDays >= 90; Azure management policy version.delete.daysAfterCreationGreaterThan >= 90; GCP a Delete rule with daysSinceNoncurrentTime >= 90.",
      configSchema: { properties: { minNoncurrentDays: { type: "integer", minimum: 1, default: 90 } } },
    },
    (args, report) => {
      const { minNoncurrentDays } = args.getConfig<{ minNoncurrentDays: number }>();
      const tooSoon = (where: string, days: unknown, urn: string) => report(`${where} deletes noncurrent versions after ${days} days; at least ${minNoncurrentDays} are required.`, urn);
      for (const b of ofTypes(args.resources, [T.aws.bucket])) {
        for (const lc of settingsOf(b, args.resources, T.aws.bucketLifecycle)) {
          for (const rule of (lc.props.rules as any[]) ?? []) {
            const days = get(rule, "noncurrentVersionExpiration.noncurrentDays");
            if (rule.status === "Enabled" && days !== undefined && Number(days) < minNoncurrentDays) tooSoon(`lifecycle rule ${rule.id} of ${b.props.bucket ?? b.name}`, days, lc.urn);
          }
        }
      }
      for (const a of ofTypes(args.resources, [T.azure.storageAccount])) {
        for (const mp of accountSettings(a, args.resources, T.azure.managementPolicy)) {
          for (const rule of (get(mp.props, "policy.rules") as any[]) ?? []) {
            const days = get(rule, "definition.actions.version.delete.daysAfterCreationGreaterThan");
            if (rule.enabled !== false && days !== undefined && Number(days) < minNoncurrentDays) tooSoon(`management policy rule ${rule.name} of ${a.props.name ?? a.name}`, days, mp.urn);
          }
        }
      }
      for (const b of ofTypes(args.resources, [T.gcp.bucket])) {
        for (const rule of (b.props.lifecycleRules as any[]) ?? []) {
          const days = get(rule, "condition.daysSinceNoncurrentTime");
          if (get(rule, "action.type") === "Delete" && days !== undefined && Number(days) < minNoncurrentDays) tooSoon(`a lifecycle rule of ${b.props.name ?? b.name}`, days, b.urn);
        }
      }
    },
  ),

  stackRule(
    {
      name: "dalp-bucket-require-encryption",
      description: "Buckets encrypt objects at rest with a declared server-side encryption setting.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: READINESS,
      remediationSteps: "AWS: an aws.s3.BucketServerSideEncryptionConfiguration (aws:kms, or AES256) per bucket. Azure Storage and Cloud Storage always encrypt at rest.",
    },
    (args, report) => {
      const buckets = ofTypes(args.resources, [T.aws.bucket]);
      if (buckets.length === 0) args.notApplicable("only S3 needs an explicit setting; Azure Storage and Cloud Storage always encrypt");
      for (const b of buckets) {
        const rules = settingsOf(b, args.resources, T.aws.bucketEncryption).flatMap((e) => (e.props.rules as any[]) ?? []);
        if (!rules.some((r) => ["aws:kms", "aws:kms:dsse", "AES256"].includes(get(r, "applyServerSideEncryptionByDefault.sseAlgorithm")))) {
          report(`bucket ${b.props.bucket ?? b.name} declares no server-side encryption.`, b.urn);
        }
      }
    },
  ),

  stackRule(
    {
      name: "dalp-bucket-block-public-access",
      description: "No bucket can be made public.",
      severity: "critical",
      enforcementLevel: "mandatory",
      source: READINESS,
      remediationSteps:
        "AWS: an aws.s3.BucketPublicAccessBlock with all four settings true per bucket. Azure: allowBlobPublicAccess: false. GCP: publicAccessPrevention: enforced and uniformBucketLevelAccess: true.",
    },
    (args, report) => {
      const settings = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
      for (const b of ofTypes(args.resources, [T.aws.bucket])) {
        const blocks = settingsOf(b, args.resources, T.aws.bucketPublicAccess);
        const open = settings.filter((s) => !blocks.some((blk) => blk.props[s] === true));
        if (open.length > 0) report(`bucket ${b.props.bucket ?? b.name} does not set ${open.join(", ")}.`, b.urn);
      }
      for (const a of ofTypes(args.resources, [T.azure.storageAccount])) {
        if (a.props.allowBlobPublicAccess !== false) report(`storage account ${a.props.name ?? a.name} allows public blob access.`, a.urn);
      }
      for (const b of ofTypes(args.resources, [T.gcp.bucket])) {
        if (b.props.publicAccessPrevention !== "enforced") report(`bucket ${b.props.name ?? b.name}: publicAccessPrevention is not enforced.`, b.urn);
        if (b.props.uniformBucketLevelAccess !== true) report(`bucket ${b.props.name ?? b.name}: uniformBucketLevelAccess is not true.`, b.urn);
      }
    },
  ),

  resourceRule(
    {
      name: "dalp-storage-require-zone-redundancy",
      description: "Storage accounts replicate synchronously across zones.",
      severity: "high",
      enforcementLevel: "mandatory",
      source: "Cloud-native HA, Provider patterns: Blob Storage ZRS or GRS; Recovery expectations, zone failure",
      remediationSteps: "Use sku Standard_ZRS (or Standard_GZRS / Standard_RAGZRS for a copy in the paired region).",
    },
    [T.azure.storageAccount],
    (props, _args, report) => {
      const sku = get(props, "sku.name");
      if (!["Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS", "Premium_ZRS"].includes(sku)) report(`sku.name is ${JSON.stringify(sku)}: a zone failure can make the data unavailable.`);
    },
  ),
];
