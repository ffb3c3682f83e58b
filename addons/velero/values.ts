import type * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import type { BackupTargetPort } from "../../ports/adapter";
import { VELERO_SERVICE_ACCOUNT } from "../shared/labels";
import { backupSchedules } from "./schedule";

/**
 * Values for the vmware-tanzu `velero` chart: the cloud's object-store plugin, one default
 * BackupStorageLocation on the backup bucket, workload identity instead of a credentials Secret, the node
 * agent for filesystem backup of volumes, and the schedules of the product's backup table.
 */
export function veleroValues(config: Pick<DalpConfig, "backup" | "charts" | "alerts">, target: BackupTargetPort, serviceMonitor: boolean): Record<string, pulumi.Input<unknown>> {
  return {
    initContainers: [
      {
        name: "velero-plugin",
        image: target.pluginImage,
        imagePullPolicy: "IfNotPresent",
        volumeMounts: [{ mountPath: "/target", name: "plugins" }],
      },
    ],
    podLabels: target.podLabels,
    serviceAccount: { server: { create: true, name: VELERO_SERVICE_ACCOUNT, annotations: target.serviceAccountAnnotations } },
    // Workload identity: no static keys in a Secret.
    credentials: { useSecret: false },
    // Volumes are backed up by the node agent (filesystem backup), not by cloud snapshots.
    snapshotsEnabled: false,
    deployNodeAgent: true,
    nodeAgent: { podLabels: target.podLabels },
    upgradeCRDs: true,
    configuration: {
      backupStorageLocation: [
        { name: "default", provider: target.provider, bucket: target.bucket, default: true, accessMode: "ReadWrite", config: target.config },
      ],
      volumeSnapshotLocation: [],
      defaultVolumesToFsBackup: true,
    },
    metrics: { enabled: true, serviceMonitor: { enabled: serviceMonitor } },
    resources: {
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    },
    schedules: backupSchedules(config),
  };
}
