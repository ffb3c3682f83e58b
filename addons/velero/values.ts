import type * as pulumi from "@pulumi/pulumi";
import type { DalpConfig } from "../../config/types";
import type { BackupTargetPort } from "../../ports/adapter";
import { VELERO_SERVICE_ACCOUNT } from "../shared/labels";
import { BACKUP_STORAGE_LOCATION, backupSchedules } from "./schedule";

/**
 * The Velero server schedules backups and writes the Kubernetes objects; it moves no volume data.
 * An estimate: a tenth of a core and 256 MiB at rest, with room to 1 core and 1 GiB while it lists a large
 * namespace. (`velero install` defaults to 500m/128Mi requests and 1000m/512Mi limits,
 * vmware-tanzu/velero pkg/install/resources.go, read 2026-11-22.)
 */
const SERVER_RESOURCES = {
  requests: { cpu: "100m", memory: "256Mi" },
  limits: { cpu: "1", memory: "1Gi" },
} as const;

/**
 * The node agent copies the volumes (filesystem backup with Kopia), Prometheus' 50 GiB claims among them. The
 * chart sets no resources (`nodeAgent.resources: {}`), which leaves it BestEffort: the first pod the kubelet
 * evicts under memory pressure, mid-upload, turning a backup PartiallyFailed. Requests make it Burstable.
 * The memory request is what `velero install` used to set for the node agent (512 MiB, vmware-tanzu/velero
 * pkg/install/resources.go, read 2026-11-22; current releases set none, so as not to kill large uploads at a
 * limit). The rest is an estimate: a tenth of a core reserved on every node for an agent idle between
 * backups, no CPU limit so an upload is never throttled, and a 2 GiB memory limit, twice the old default,
 * so a large upload has room while a leak cannot take the node.
 */
const NODE_AGENT_RESOURCES = {
  requests: { cpu: "100m", memory: "512Mi" },
  limits: { memory: "2Gi" },
} as const;

/** Where this region's backups go, and the regions whose backups are replicated into the same bucket. */
export interface BackupPlacement {
  region: string;
  replicatedFrom: string[];
}

/** The read-only location of the backups replicated from `region`: `velero restore create --from-backup` after `velero backup get --storage-location <it>`. */
export function replicatedLocationName(region: string): string {
  return `replicated-${region}`;
}

/**
 * Values for the vmware-tanzu `velero` chart: the cloud's object-store plugin, one default
 * BackupStorageLocation on the backup bucket, workload identity instead of a credentials Secret, the node
 * agent for filesystem backup of volumes, and the schedules of the product's backup table. Keys checked
 * against the chart's values.yaml and values.schema.json (vmware-tanzu/helm-charts, tag velero-12.1.0).
 */
export function veleroValues(
  config: Pick<DalpConfig, "backup" | "charts" | "alerts">,
  target: BackupTargetPort,
  serviceMonitor: boolean,
  placement: BackupPlacement,
): Record<string, pulumi.Input<unknown>> {
  // Each region of a multi-region stack writes under its own prefix, so the backups another region replicates
  // into this bucket land beside this region's own without mixing; Velero reads them through a read-only
  // location, which it never writes to or prunes (velero docs, "Backup Storage Locations": accessMode
  // ReadOnly). A one-region stack keeps the bucket root it always wrote to: a new prefix there would hide its
  // existing backups and Kopia repository from Velero, which then drops their Backup objects from the cluster.
  const own = placement.replicatedFrom.length > 0 ? { prefix: placement.region } : {};
  const locations = [
    { name: BACKUP_STORAGE_LOCATION, provider: target.provider, bucket: target.bucket, ...own, default: true, accessMode: "ReadWrite", config: target.config },
    ...placement.replicatedFrom.map((region) => ({
      name: replicatedLocationName(region),
      provider: target.provider,
      bucket: target.replicatedBucket ?? target.bucket,
      prefix: region,
      accessMode: "ReadOnly",
      config: target.config,
    })),
  ];
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
    nodeAgent: { podLabels: target.podLabels, resources: structuredClone(NODE_AGENT_RESOURCES) },
    upgradeCRDs: true,
    configuration: {
      backupStorageLocation: locations,
      volumeSnapshotLocation: [],
      defaultVolumesToFsBackup: true,
    },
    metrics: { enabled: true, serviceMonitor: { enabled: serviceMonitor } },
    resources: structuredClone(SERVER_RESOURCES),
    schedules: backupSchedules(config),
  };
}
