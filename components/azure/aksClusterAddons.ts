import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Name of the default StorageClass this stack adds to AKS. */
export const ZRS_STORAGE_CLASS = "premium-zrs";

export interface AksClusterAddonsArgs {
  /** Node pools: what must exist before anything is installed. */
  ready: pulumi.Resource[];
  k8sProvider: k8s.Provider;
}

/**
 * What AKS needs in-cluster before DALP. AKS runs the cluster autoscaler itself (configured on the node
 * pools), so the only add-on is a default StorageClass on zone-redundant Premium SSD: a ZRS disk is written
 * synchronously to three zones and can be attached from any of them, so a pod with a volume moves to a
 * surviving zone instead of waiting for its zone to return (learn.microsoft.com/azure/virtual-machines/
 * disks-redundancy, read 2026-11-22). AKS's own `default` class (LRS) stays; Kubernetes uses the most recently
 * created default class when more than one is marked (kubernetes.io/docs/concepts/storage/storage-classes).
 */
/** How the zone-redundant class provisions: Premium ZRS managed disks. */
export const ZRS_VOLUMES = { provisioner: "disk.csi.azure.com", parameters: { skuName: "Premium_ZRS", cachingMode: "ReadOnly" } };

export class AksClusterAddons extends pulumi.ComponentResource {
  readonly resources: pulumi.Resource[];

  constructor(name: string, args: AksClusterAddonsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:azure:AksClusterAddons", name, {}, opts);
    const storageClass = new k8s.storage.v1.StorageClass(`${name}-premium-zrs`, {
      metadata: { name: ZRS_STORAGE_CLASS, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      ...ZRS_VOLUMES,
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      // A deleted claim keeps its disk: data is removed on purpose, not by a release change.
      reclaimPolicy: "Retain",
    }, { parent: this, provider: args.k8sProvider, dependsOn: args.ready });
    this.resources = [storageClass];
    this.registerOutputs({});
  }
}
