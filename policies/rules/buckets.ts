import { viewOf } from "../view";
import { DalpPolicy, get, resourceRule, stackRule } from "./kit";
import { T } from "./types";

const BACKUP_PAGE = "Backup and recovery, What gets backed up: object storage, bucket versioning, 90 days";
const READINESS = "Cloud-native HA, Production readiness checks: Object storage";

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
      for (const b of viewOf(args.resources).buckets) if (!b.versioning) report(`${b.label} does not keep object versions.`, b.urn);
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
      for (const b of viewOf(args.resources).buckets) {
        for (const e of b.noncurrentExpiries) {
          if (e.days < minNoncurrentDays) report(`${e.where} deletes noncurrent versions after ${e.days} days; at least ${minNoncurrentDays} are required.`, e.urn);
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
      const buckets = viewOf(args.resources).buckets.filter((b) => b.encryption !== "service");
      if (buckets.length === 0) args.notApplicable("only S3 needs an explicit setting; Azure Storage and Cloud Storage always encrypt");
      for (const b of buckets) if (b.encryption === "none") report(`${b.label} declares no server-side encryption.`, b.urn);
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
      for (const b of viewOf(args.resources).buckets) for (const problem of b.publicAccessProblems) report(problem.message, problem.urn);
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
