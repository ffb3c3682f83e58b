import { VELERO_NAMESPACE } from "../shared/labels";
import { BACKUP_STORAGE_LOCATION } from "../velero/schedule";

/**
 * Access to the backup bucket, as Velero itself sees it: Velero re-validates each BackupStorageLocation against
 * its bucket every minute (`storeValidationFrequency`, default 1m, vmware-tanzu/helm-charts velero-12.1.0
 * values.yaml) and writes the result to `status.phase` (`Available` or `Unavailable`). Velero exports no metric
 * of it, so kube-state-metrics turns the phase into one from the custom resource (its custom-resource-state
 * configuration; the metric is `<metricNamePrefix>_<name>`, kubernetes/kube-state-metrics
 * docs/metrics/extend/customresourcestate-metrics.md).
 */
const PREFIX = "velero_backup_storage_location";
const NAME = "phase";

/** The metric the alert reads, as kube-state-metrics names it from the definition below. */
export const BACKUP_LOCATION_PHASE_METRIC = `${PREFIX}_${NAME}`;

/** The series of the stack's own location, in the namespace Velero runs in, on its `Available` state. */
export const BACKUP_LOCATION_AVAILABLE = `${BACKUP_LOCATION_PHASE_METRIC}{namespace="${VELERO_NAMESPACE}", name="${BACKUP_STORAGE_LOCATION}", phase="Available"}`;

/** kube-state-metrics custom-resource-state entry for the BackupStorageLocation phase. */
export const BACKUP_LOCATION_RESOURCE = {
  groupVersionKind: { group: "velero.io", version: "v1", kind: "BackupStorageLocation" },
  metricNamePrefix: PREFIX,
  labelsFromPath: { name: ["metadata", "name"], namespace: ["metadata", "namespace"] },
  metrics: [
    {
      name: NAME,
      help: "Phase of the Velero BackupStorageLocation, set by its periodic access check",
      each: { type: "StateSet", stateSet: { labelName: "phase", path: ["status", "phase"], list: ["Available", "Unavailable"] } },
    },
  ],
};
