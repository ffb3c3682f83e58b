import type { DriftFact } from "./types";

/** Properties the cloud changes by itself on the stateful gcp types this project creates. */
export const GCP_DRIFT: DriftFact[] = [];
