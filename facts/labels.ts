import { cite } from "./source";

/**
 * The label DALP resources carry and backups select on (Backup and recovery, Chart-backed backup resources:
 * `backup.labelSelector.matchLabels.kots.io/app-slug` defaults to `settlemint-dalp`).
 */
export const DALP_APP_SLUG = { key: "kots.io/app-slug", value: "settlemint-dalp", source: cite("backup", "Chart-backed backup resources") } as const;
