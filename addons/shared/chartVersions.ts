/**
 * Every third-party chart and image this project installs, pinned in one place. Each entry records where
 * the version was seen and when, so an upgrade is a reviewed edit of this file.
 */
export interface PinnedChart {
  chart: string;
  repository: string;
  version: string;
  appVersion: string;
  source: string;
}

export const VELERO: PinnedChart = {
  chart: "velero",
  repository: "https://vmware-tanzu.github.io/helm-charts",
  // 12.1.0 is the release whose values.schema.json and CRDs the tests validate against (test/schemas).
  version: "12.1.0",
  appVersion: "1.18.1",
  source: "vmware-tanzu/helm-charts tag velero-12.1.0 (commit 73466ca9), read 2026-11-22",
};

/**
 * Velero object-store plugins of the 1.14 line, the line built against Velero 1.18.
 * Source: plugin images seen in public deployments 2026-09/10 (aws v1.14.4, gcp v1.14.4, azure v1.14.3);
 * velero-plugin-for-aws 1.14.2 is built against velero v1.18.0 (osv.dev CGA-fc4g-r9pq-54gc, 2026-08-21).
 */
export const VELERO_PLUGINS = {
  aws: "velero/velero-plugin-for-aws:v1.14.4",
  azure: "velero/velero-plugin-for-microsoft-azure:v1.14.3",
  gcp: "velero/velero-plugin-for-gcp:v1.14.4",
} as const;

export const KUBE_PROMETHEUS_STACK: PinnedChart = {
  chart: "kube-prometheus-stack",
  repository: "https://prometheus-community.github.io/helm-charts",
  version: "92.1.0",
  appVersion: "v0.94.1",
  source: "helm release output dated 2026-10-07, read 2026-11-22",
};

export const POSTGRES_EXPORTER: PinnedChart = {
  chart: "prometheus-postgres-exporter",
  repository: "https://prometheus-community.github.io/helm-charts",
  version: "8.0.0",
  // The chart's own appVersion: 8.0.0 ships postgres_exporter v0.19.1 (v0.20.1 came with chart 8.2.0).
  appVersion: "v0.19.1",
  source: "rendered manifest dated 2026-06-14, read 2026-11-22; appVersion from prometheus-community/helm-charts charts/prometheus-postgres-exporter/Chart.yaml at tag prometheus-postgres-exporter-8.0.0, read 2026-12-01",
};

export const REDIS_EXPORTER: PinnedChart = {
  chart: "prometheus-redis-exporter",
  repository: "https://prometheus-community.github.io/helm-charts",
  version: "6.33.0",
  appVersion: "v1.93.0",
  source: "helm list dated 2026-10-10, read 2026-11-22",
};

export const BLACKBOX_EXPORTER: PinnedChart = {
  chart: "prometheus-blackbox-exporter",
  repository: "https://prometheus-community.github.io/helm-charts",
  version: "11.18.0",
  appVersion: "v0.28.0",
  source: "deployments seen 2026-10 (11.17.2 released 2026-08-10), read 2026-11-22",
};

/**
 * The cluster autoscaler's chart, and its image per Kubernetes minor: "We recommend using Cluster Autoscaler
 * with the Kubernetes control plane (previously referred to as master) version for which it was meant"
 * (kubernetes/autoscaler, cluster-autoscaler/README.md, "Releases", read 2026-12-01). The chart's own default
 * image follows the chart, not the cluster, so the tag is always chosen from the cluster's minor; a minor
 * without an entry is refused before anything is declared.
 */
export const CLUSTER_AUTOSCALER: PinnedChart & { imageRepository: string; imageTagByMinor: Readonly<Record<string, string>>; imageSource: string } = {
  chart: "cluster-autoscaler",
  repository: "https://kubernetes.github.io/autoscaler",
  // 9.59.0 is the newest release in the chart repository's index as read (kubernetes/autoscaler gh-pages
  // index.yaml, generated 2026-07-26, read 2026-12-01); 9.59.1 appears in public renders but not there.
  version: "9.59.0",
  appVersion: "per cluster minor, see imageTagByMinor",
  source: "kubernetes/autoscaler chart index (gh-pages index.yaml, generated 2026-07-26), read 2026-12-01",
  imageRepository: "registry.k8s.io/autoscaling/cluster-autoscaler",
  imageTagByMinor: { "1.33": "v1.33.5", "1.34": "v1.34.4", "1.35": "v1.35.1", "1.36": "v1.36.0" },
  imageSource: "kubernetes/k8s.io pull request 9676 \"[cluster-autoscaler] Add v1.36.0, v1.35.1, v1.34.4, v1.33.5\", merged 2026-07-03 (the newest promotion found), read 2026-12-01",
};

/**
 * kubectl with bash, jq and coreutils, for the jobs that drive Velero (the image is built FROM debian-base
 * with those installed: kubernetes/kubernetes build/server-image/kubectl/Dockerfile, read 2026-12-01). The 1.36
 * line, the clusters' Kubernetes minor; the tag was seen in public use 2026-11.
 */
export const KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.36.4";
