import type { ChangeContext, DiffRule, TypeRules } from "./types";
import { replaceOn } from "./types";

/**
 * The Kubernetes provider replaces an object when its identity (`metadata.name`, `metadata.namespace`) or an
 * immutable field of its kind changes (`forceNewProperties` in pulumi/pulumi-kubernetes
 * provider/pkg/provider/diff.go, commit 9497796, read 2026-12-01); a Helm release is replaced when its name or
 * namespace changes (helm_release.go `Diff`, same commit). Custom resources (CloudNativePG clusters, Velero
 * schedules, Prometheus rules) have only the identity fields.
 */
const K8S = "pulumi/pulumi-kubernetes@9497796";
const DIFF_GO = `${K8S} provider/pkg/provider/diff.go forceNewProperties, read 2026-12-01`;
const HELM_GO = `${K8S} provider/pkg/provider/helm_release.go Diff (forceNewFields .name, .namespace), read 2026-12-01`;

const selector = (prefix: string) => [prefix, `${prefix}.matchExpressions`, `${prefix}.matchLabels`];

/** Secret and ConfigMap data are immutable unless the provider is told otherwise (its default) or the object says so. */
const immutableData = (flag: "enableSecretMutable" | "enableConfigMapMutable") => (c: ChangeContext) =>
  String(c.providerInputs[flag] ?? "false") !== "true" || c.newInputs.immutable === true;

export const KUBERNETES_IDENTITY: DiffRule[] = replaceOn(["metadata.name", "metadata.namespace"], DIFF_GO);

export const KUBERNETES_RULES: TypeRules[] = [
  { type: "kubernetes:helm.sh/v3:Release", rules: replaceOn(["name", "namespace"], HELM_GO) },
  { type: "kubernetes:storage.k8s.io/v1:StorageClass", rules: replaceOn(["parameters", "provisioner"], DIFF_GO) },
  {
    type: "kubernetes:core/v1:Secret",
    rules: [
      ...replaceOn(["type"], DIFF_GO),
      ...["data", "stringData"].map(
        (path): DiffRule => ({
          path,
          effect: "replace",
          condition: "the provider's enableSecretMutable is not true (its default), or the Secret is immutable",
          when: immutableData("enableSecretMutable"),
          source: DIFF_GO,
        }),
      ),
    ],
  },
  {
    type: "kubernetes:core/v1:ConfigMap",
    rules: ["data", "binaryData"].map((path) => ({
      path,
      effect: "replace",
      condition: "the provider's enableConfigMapMutable is not true (its default), or the ConfigMap is immutable",
      when: immutableData("enableConfigMapMutable"),
      source: DIFF_GO,
    })),
  },
  {
    type: "kubernetes:core/v1:PersistentVolumeClaim",
    rules: replaceOn(["spec.accessModes", "spec.storageClassName", "spec.volumeName", ...selector("spec.selector")], DIFF_GO),
  },
  { type: "kubernetes:core/v1:Service", rules: replaceOn(["spec.clusterIP"], DIFF_GO) },
  { type: "kubernetes:apps/v1:Deployment", rules: replaceOn(selector("spec.selector"), DIFF_GO) },
  { type: "kubernetes:apps/v1:DaemonSet", rules: replaceOn(selector("spec.selector"), DIFF_GO) },
  {
    type: "kubernetes:apps/v1:StatefulSet",
    rules: replaceOn(["spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.serviceName", "spec.volumeClaimTemplates", ...selector("spec.selector")], DIFF_GO),
  },
  { type: "kubernetes:batch/v1:Job", rules: replaceOn(["spec.completions", "spec.parallelism", "spec.template", ...selector("spec.selector")], DIFF_GO) },
  { type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", rules: replaceOn(["roleRef"], DIFF_GO) },
  { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", rules: replaceOn(["roleRef"], DIFF_GO) },
  { type: "kubernetes:policy/v1beta1:PodDisruptionBudget", rules: replaceOn(["spec"], DIFF_GO) },
  // A custom resource: the provider knows no immutable field of it, only the identity replaces it.
  { type: "kubernetes:postgresql.cnpg.io/v1:Cluster", rules: [] },
];
