import type { DriftFact } from "./types";

/** Properties the cloud changes by itself on the stateful azure types this project creates. */
export const AZURE_DRIFT: DriftFact[] = [];
