import { AWS_DRIFT } from "./aws";
import { AZURE_DRIFT } from "./azure";
import { GCP_DRIFT } from "./gcp";
import type { DriftFact } from "./types";

export type { DriftFact } from "./types";

/** Every property a cloud changes by itself on a stateful type this project creates, by cloud. */
export const DRIFT_FACTS: readonly DriftFact[] = [...AWS_DRIFT, ...AZURE_DRIFT, ...GCP_DRIFT];
