import type { PolicyResource } from "@pulumi/policy";
import { cite } from "../../facts/source";
import { viewOf, type View } from "../view";
import { chartName, valuesOf } from "./helm";
import { DalpPolicy, get, inDrill, ofTypes, stackRule } from "./kit";
import { failedOver } from "./multiRegion";
import { T } from "./types";

const RECOVERY_BOUNDARY = cite("backup", "Recovery boundary");
const RESTORE_PATH = `${cite("backup", "Recovery checks")}; ${cite("backup", "Restore evidence to keep")}`;

/** Customer-managed keys, by the types the stacks create them with. Azure's stacks encrypt with platform keys. */
const KEY_TYPES = [T.aws.kmsKey, T.gcp.kmsKey] as const;

/** The regions that receive copies while the stack runs normally: a recovery region, or a standby. */
function copyRegions(view: View): string[] {
  return view.stamps.filter((s) => s.role === "recovery" || s.role === "standby").map((s) => s.region);
}

/** A Velero release's BackupStorageLocations as its values declare them. */
function locationsOf(release: PolicyResource): Array<{ name: string; accessMode: string; prefix?: string }> {
  const declared = (get(valuesOf(release.props), "configuration.backupStorageLocation") ?? []) as Array<Record<string, unknown>>;
  return declared.map((l) => ({ name: String(l.name), accessMode: String(l.accessMode ?? "ReadWrite"), prefix: typeof l.prefix === "string" ? l.prefix : undefined }));
}

/** The location a namespace-restore job reads from (addons/velero/namespaceRestore.ts: env LOCATION). */
function restoreJobLocation(job: PolicyResource): string | undefined {
  const containers = (get(job.props, "spec.template.spec.containers") ?? []) as Array<{ env?: Array<{ name: string; value?: string }> }>;
  return containers.flatMap((c) => c.env ?? []).find((e) => e.name === "LOCATION")?.value;
}

export const recoveryRegionRules: DalpPolicy[] = [
  stackRule(
    {
      name: "dalp-dr-key-in-recovery-region",
      description: "Every region that receives copies has a customer-managed key of its own, so the copies are encrypted and restorable there without the lost region's key.",
      severity: "critical",
      // A copy encrypted with a key that lives only in the lost region cannot be decrypted after the loss.
      enforcementLevel: "mandatory",
      source: `${RECOVERY_BOUNDARY}; Hot-warm active-standby, Production requirements: Secrets and keys`,
      remediationSteps:
        "AWS: an aws.kms.Key in the recovery region, named by the backups replication (kmsKeyId) and the bucket replication's replica key. GCP: a KMS key ring and CryptoKey located in the recovery region. Azure: the stacks use platform-managed keys in every region (docs/azure.md); a stack that adds customer keys needs a Key Vault key per region.",
    },
    (args, report) => {
      const view = viewOf(args.resources);
      const regions = copyRegions(view);
      if (regions.length === 0) args.notApplicable("no region of the stack receives copies");
      const keys = ofTypes(args.resources, KEY_TYPES);
      if (keys.length === 0) args.notApplicable("the stack uses no customer-managed keys (platform-managed encryption in every region)");
      for (const region of regions) {
        const own = keys.filter((k) => view.stampOf(k.urn)?.region === region);
        if (own.length === 0) report(`region ${region} receives copies but holds no customer-managed key: what is copied there is encrypted with a key of another region, lost with it.`);
      }
    },
  ),

  stackRule(
    {
      name: "dalp-dr-velero-read-copies",
      description: "Velero in a region that holds other regions' backups reads them through a read-only location per region, and a restore reads from one of them.",
      severity: "high",
      // Without the location the replicated backups are invisible to the cluster that must restore them.
      enforcementLevel: "mandatory",
      source: RESTORE_PATH,
      remediationSteps:
        "Give the Velero release a BackupStorageLocation per other region, accessMode ReadOnly, on the bucket the backups are replicated into and the source region's prefix (addons/velero/values.ts); point the restore at it (velero restore create --from-backup, after velero backup get --storage-location replicated-<region>).",
    },
    (args, report) => {
      const view = viewOf(args.resources);
      if (view.stamps.length < 2) args.notApplicable("the stack has one region");
      const releases = args.resources.filter((r) => r.type === T.k8s.release && chartName(r.props) === "velero");
      if (releases.length === 0) args.notApplicable("the stack installs no Velero");
      for (const release of releases) {
        const region = view.stampOf(release.urn)?.region;
        if (region === undefined) continue;
        const readOnly = locationsOf(release).filter((l) => l.accessMode === "ReadOnly");
        for (const other of view.stamps.filter((s) => s.region !== region)) {
          if (!readOnly.some((l) => l.prefix === other.region)) {
            report(`Velero in ${region} has no read-only location for the backups of ${other.region} (prefix ${other.region}): a restore there cannot see them.`, release.urn);
          }
        }
        for (const job of ofTypes(args.resources, [T.k8s.job]).filter((j) => view.stampOf(j.urn)?.region === region)) {
          const location = restoreJobLocation(job);
          if (location !== undefined && !locationsOf(release).some((l) => l.name === location)) {
            report(`the restore job ${job.name} reads location ${location}, which Velero in ${region} does not have.`, job.urn);
          }
        }
      }
    },
  ),

  stackRule(
    {
      name: "dalp-dr-copy-backups-across-regions",
      description: "In a multi-region stack, the writable database's backups are copied to another region too: a replica carries a corruption along within seconds, only backups restore a point before it.",
      severity: "medium",
      enforcementLevel: "advisory",
      source: `${cite("backup", "What gets backed up")} (PostgreSQL PITR, 30 days); ${RECOVERY_BOUNDARY}`,
      remediationSteps:
        "AWS: aws.rds.InstanceAutomatedBackupsReplication into the other region. Azure: geoRedundantBackup Enabled on the primary (creation-only). GCP: settings.backupConfiguration.location outside the instance's region.",
    },
    (args, report) => {
      const view = viewOf(args.resources);
      if (view.regions.length < 2) args.notApplicable("the stack runs in one region");
      if (failedOver(view)) args.notApplicable("the stack is failed over: nothing is copied towards the isolated former region");
      // A restore drill's database is no writable one: it is deleted with the drill.
      for (const db of view.databases.filter((d) => d.replicaOf === undefined && d.backups.ownBackups && !inDrill(d.urn))) {
        if (db.backupCopyRegions.length === 0) report(`${db.service} in ${db.region ?? "an unknown region"} keeps its backups in its own region only.`, db.urn);
      }
    },
  ),
];
