import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface GkeClusterAddonsArgs {
  /** Node pools of the cluster. */
  ready: pulumi.Resource[];
  /** IAM principals (`user:` or `serviceAccount:`) bound to cluster-admin. */
  adminPrincipals: string[];
  k8sProvider: k8s.Provider;
}

export const GKE_STORAGE_CLASS = "pd-balanced";

/**
 * What GKE needs in-cluster before DALP: a default StorageClass that keeps volumes when their claim is deleted
 * (GKE's own `standard-rwo` deletes them) and binds them in the pod's zone, and RBAC for break-glass admins.
 * Node autoscaling is built into GKE node pools, so there is no cluster-autoscaler chart to install.
 */
/** How the class provisions: balanced persistent disks. */
export const GKE_VOLUMES = { provisioner: "pd.csi.storage.gke.io", parameters: { type: "pd-balanced" } };

export class GkeClusterAddons extends pulumi.ComponentResource {
  readonly resources: pulumi.Resource[];

  constructor(name: string, args: GkeClusterAddonsArgs, opts: pulumi.ComponentResourceOptions) {
    super("dalp:gcp:GkeClusterAddons", name, {}, opts);
    const inCluster = { parent: this, provider: args.k8sProvider, dependsOn: args.ready };
    // Newest default wins when two classes are marked default (Kubernetes 1.26+), so this one is used.
    const storageClass = new k8s.storage.v1.StorageClass(`${name}-${GKE_STORAGE_CLASS}`, {
      metadata: { name: GKE_STORAGE_CLASS, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      ...GKE_VOLUMES,
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      // A deleted claim keeps its disk: data is removed on purpose, not by a release change.
      reclaimPolicy: "Retain",
    }, inCluster);
    this.resources = [storageClass];

    if (args.adminPrincipals.length > 0) {
      // GKE authenticates Google identities by email; `user:` and `serviceAccount:` principals are both Users to RBAC.
      const subjects = args.adminPrincipals.map((p) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: p.slice(p.indexOf(":") + 1) }));
      this.resources.push(
        new k8s.rbac.v1.ClusterRoleBinding(`${name}-admins`, {
          metadata: { name: "dalp-cluster-admins" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
          subjects,
        }, inCluster),
      );
    }
    this.registerOutputs({});
  }
}
