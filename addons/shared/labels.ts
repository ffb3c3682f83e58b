import { DALP_APP_SLUG, DALP_SERVICE_LABEL } from "../../facts/labels";

export { DALP_SERVICE_LABEL };

/**
 * Labels that tie resources to DALP. The chart labels its resources with `kots.io/app-slug`, and the backup
 * schedule selects on it (product docs, backup and recovery: "backup.labelSelector.matchLabels").
 */
export const DALP_APP_LABEL = { [DALP_APP_SLUG.key]: DALP_APP_SLUG.value } as const;

/** Namespaces and service accounts the add-ons install into; fixed so cloud identities can be bound to them. */
export const VELERO_NAMESPACE = "velero";
export const VELERO_SERVICE_ACCOUNT = "velero-server";
export const MONITORING_NAMESPACE = "monitoring";
export const DALP_SERVICE_ACCOUNT = "dalp";

/** Helm release names of the DALP charts; backups and budgets select on the release label. */
export const SUPPORT_RELEASE = "support";
export const DALP_RELEASE = "dalp";

/**
 * Helm release names of the pinned add-ons. Both charts name what they create after the release (their
 * `fullname` is the release name when it contains the chart name), so alerts and selectors can name the
 * objects the charts render: Velero's Schedules, Prometheus' and Alertmanager's pods.
 */
export const VELERO_RELEASE = "velero";
export const PROMETHEUS_STACK_RELEASE = "kube-prometheus-stack";
