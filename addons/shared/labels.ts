import { DALP_APP_SLUG } from "../../facts/labels";

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
