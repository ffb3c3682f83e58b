import type { DalpPolicy } from "../kit";
import { bucketProbesRule } from "./buckets";
import { replicationLagRule } from "./replicationLag";
import { scrapeTargetsRule } from "./scrapeTargets";
import { activeRegionWatchRule } from "./activeRegion";
import { standbyLagRule } from "./standbyLag";
import { coverSignalsRule } from "./signals";
import { thresholdsRule } from "./thresholds";

export { ALERT_SIGNALS, type AlertSignal } from "../../../facts/monitoring";
export { REQUIRED_SIGNALS } from "./signalMetrics";

/** Alerts: every signal covered, at the page's numbers, on metrics that exist, for every bucket. */
export const alertRules: DalpPolicy[] = [coverSignalsRule, thresholdsRule, replicationLagRule, standbyLagRule, activeRegionWatchRule, bucketProbesRule, scrapeTargetsRule];
