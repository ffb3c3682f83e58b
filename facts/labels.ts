import { cite } from "./source";

/**
 * The label DALP resources carry and backups select on (Backup and recovery, Chart-backed backup resources:
 * `backup.labelSelector.matchLabels.kots.io/app-slug` defaults to `settlemint-dalp`).
 */
export const DALP_APP_SLUG = { key: "kots.io/app-slug", value: "settlemint-dalp", source: cite("backup", "Chart-backed backup resources") } as const;

/**
 * The label each DALP service's pods carry with the service's values key (`dapp`, `dapi`). Not the product's:
 * this stack sets it through the chart's `<service>.podLabels`, so that a service's disruption budget and zone
 * spread select its pods alone, and the policy pack checks them by it.
 */
export const DALP_SERVICE_LABEL = "dalp.settlemint.com/service";
