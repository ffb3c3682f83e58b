import { cite } from "./source";

/**
 * What the product's pages ask of a deployment that runs its own network nodes. The validators add-on builds
 * from these, its docs quote them, and a policy rule can check against them.
 */
export const VALIDATOR_FACTS = {
  /** Keys are the operator's: the stack only names the Secrets that hold them. */
  prestagedKeys: {
    text: "Pre-stage required Kubernetes secrets and key material in the standby cluster through your approved secret-management process.",
    source: cite("hotWarm", "Production requirements (Secrets and keys)"),
  },
  /** The standby's validators are installed and stopped: nothing signs in a region that is not active. */
  noDuplicateSigning: {
    text: "Do not start duplicate signing or validator operations against production traffic.",
    source: cite("hotWarm", "Production requirements (Secrets and keys)"),
  },
  /** Failover turns the standby's validators on; the old active's must be proven stopped first. */
  failoverStep: {
    text: "Enable standby validator operations and confirm the former active validators cannot produce duplicate signatures.",
    source: cite("hotWarm", "Manual failover sequence, step 5"),
  },
  /** The daily check of the standby includes its required secrets. */
  standbyReadiness: {
    text: "Standby workload readiness, daily: pod readiness, image versions, required secrets, and pending configuration drift.",
    source: cite("hotWarm", "Operational checks"),
  },
} as const;

/**
 * Annotations this stack puts on every validator pod, so anyone looking at a pod (or a policy reading the
 * release) sees which region it belongs to, which region is active, and whether it may sign.
 */
export const VALIDATOR_ANNOTATIONS = {
  region: "dalp.settlemint.com/region",
  activeRegion: "dalp.settlemint.com/active-region",
  validators: "dalp.settlemint.com/validators",
} as const;
