import type { DriftFact } from "./types";

/** Properties the cloud changes by itself on the stateful aws types this project creates. */
export const AWS_DRIFT: DriftFact[] = [];
