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
