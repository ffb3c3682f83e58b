import type { Basis } from "../facts/serviceTimes";
import type { FailureType, TargetRange } from "../facts/recovery";

export interface Seconds {
  min: number;
  max: number;
}

/** One part of a predicted recovery: what takes the time, how long, and on whose word. */
export interface RecoveryPart {
  name: string;
  seconds: Seconds;
  basis: Basis;
  source: string;
  estimate?: string;
  /** Runs alongside the others rather than after them: shown, not added to a sum. */
  concurrent?: boolean;
}

export interface FailurePrediction {
  failure: FailureType;
  /** Whether the stack keeps serving (or can be brought back in place) after this failure. */
  survives: boolean;
  /** "automatic": the platform recovers by itself; "manual": an operator follows the runbook. */
  recovery: "automatic" | "manual" | "none";
  /** Predicted time to recover; undefined when the stack does not survive the failure. */
  rto?: Seconds;
  /** Predicted data loss; undefined when the stack does not survive the failure. */
  rpo?: Seconds;
  /** The parts of the RTO: summed where they follow one another, the longest where they run side by side. */
  rtoParts: RecoveryPart[];
  rpoParts: RecoveryPart[];
  /** How the parts combine, in words. */
  how: string;
  /** The documented target for this failure and pattern, where the docs give one. */
  target?: TargetRange;
  /** What the reader must know: where the prediction falls outside the documented target, and what the stack leaves exposed. */
  findings: string[];
}

export interface RecoveryPrediction {
  stack: string;
  cloud: string;
  pattern: string;
  failures: FailurePrediction[];
}
