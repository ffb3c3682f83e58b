import type { Pattern } from "./patterns";

export interface RecoveryObjectives {
  /** Recovery time objective: how long until service is back. */
  rto: string;
  /** Recovery point objective: how much recent data can be lost. */
  rpo: string;
  /** Recovery test time: how long a full recovery drill takes, including verification. */
  rtt: string;
  /** Where the figures come from. */
  source: string;
  /** Targets are not commitments until a drill proves them (product docs, backup and recovery). */
  caveat: string;
}

const CAVEAT = "Targets, not commitments: publish an RTO or RPO only after a drill on this stack has met it (product docs: backup and recovery, Recovery boundary).";

/** The recovery targets of each pattern as the product docs give them. */
export const RECOVERY_OBJECTIVES: Record<Pattern, RecoveryObjectives> = {
  "cloud-native": {
    rto: "2-15 minutes",
    rpo: "seconds to 1 minute",
    rtt: "15-60 minutes",
    source: "product docs: Cloud-Native (Recommended), Recovery metrics",
    caveat: CAVEAT,
  },
  "hot-warm": {
    rto: "30-180 minutes",
    rpo: "5-60 minutes",
    rtt: "1-6 hours",
    source: "product docs: Hot-warm active-standby, Recovery metrics",
    caveat: CAVEAT,
  },
  "hot-cold": {
    rto: "4-8 hours",
    rpo: "up to 24 hours",
    rtt: "1-2 days",
    source:
      "estimate: the product docs give no hot-cold figures, only that it trades recovery speed for cost. RTO = cluster provisioning (2-4 h) + Velero and database restore (2-4 h), from the Cloud-Native setup table; RPO = the daily backup interval, bounded by the cross-region copy of automated backups",
    caveat: CAVEAT,
  },
  "hot-hot-public": {
    rto: "1-10 minutes (cluster failover); 5-60 minutes if a full re-index is needed",
    rpo: "1-5 minutes (cluster failover); seconds (database failover); 0 for on-chain state",
    rtt: "4-8 hours (the quarterly DR drill; the page gives no separate recovery test time)",
    source: "product docs: Hot-hot active-active, Public EVM networks, Recovery targets",
    caveat: CAVEAT,
  },
  "hot-hot-consortium": {
    rto: "1-10 minutes",
    rpo: "seconds to minutes",
    rtt: "10-60 minutes",
    source: "product docs: Hot-hot active-active, Consortium networks, Recovery targets",
    caveat: CAVEAT,
  },
};

/** The failures a prediction covers, smallest first: what the docs' recovery tables name. */
export const FAILURE_TYPES = ["pod", "node", "zone", "database", "region"] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

/** A documented target range in seconds. */
export interface TargetRange {
  rto: { min: number; max: number };
  rpo: { min: number; max: number };
  source: string;
}

const MIN = 60;

/**
 * The product docs' recovery targets as numbers, for the failures each page scopes them to: cloud-native's "2-15
 * minutes, automatic failover for most failures" covers the failures inside its one region; hot-warm's covers the
 * regional failover; the public hot-hot page gives one row per scenario. "Seconds" is read as up to 60 s, an
 * open-ended "minutes" as up to 10.
 */
export const DOCUMENTED_TARGETS: Record<Pattern, Partial<Record<FailureType, TargetRange>>> = {
  "cloud-native": Object.fromEntries(
    (["pod", "node", "zone", "database"] as const).map((f) => [f, { rto: { min: 2 * MIN, max: 15 * MIN }, rpo: { min: 0, max: MIN }, source: RECOVERY_OBJECTIVES["cloud-native"].source }]),
  ),
  "hot-warm": { region: { rto: { min: 30 * MIN, max: 180 * MIN }, rpo: { min: 5 * MIN, max: 60 * MIN }, source: RECOVERY_OBJECTIVES["hot-warm"].source } },
  "hot-cold": { region: { rto: { min: 4 * 60 * MIN, max: 8 * 60 * MIN }, rpo: { min: 0, max: 24 * 60 * MIN }, source: RECOVERY_OBJECTIVES["hot-cold"].source } },
  "hot-hot-public": {
    pod: { rto: { min: 0, max: MIN }, rpo: { min: 0, max: 0 }, source: `${RECOVERY_OBJECTIVES["hot-hot-public"].source}: Single pod failure` },
    database: { rto: { min: MIN, max: 5 * MIN }, rpo: { min: 0, max: MIN }, source: `${RECOVERY_OBJECTIVES["hot-hot-public"].source}: Database failover` },
    region: { rto: { min: MIN, max: 10 * MIN }, rpo: { min: MIN, max: 5 * MIN }, source: `${RECOVERY_OBJECTIVES["hot-hot-public"].source}: Cluster failover` },
  },
  "hot-hot-consortium": { region: { rto: { min: MIN, max: 10 * MIN }, rpo: { min: 0, max: 10 * MIN }, source: RECOVERY_OBJECTIVES["hot-hot-consortium"].source } },
};
