import { cite } from "./source";

const PLACEMENT = cite("cloudNative", "Application health and placement");

/**
 * The DALP services the stack configures through the `dalp` chart, by values key. The dApp's defaults are the
 * page's ("the chart sets two replicas by default ... The default pod anti-affinity preset is soft"); the
 * API (`dalp-dapi` pods in the Hot-warm page's readiness check) is held to the same posture, because the
 * Production readiness checks ask it of every "application service that should survive pod or node loss".
 */
export const DALP_SERVICES = [
  {
    key: "dapp",
    what: "the dApp (web front end)",
    minReplicas: 2,
    // "For the dApp service, the chart sets two replicas by default ... The default pod anti-affinity preset is soft."
    chartDefaults: { replicaCount: 2, podAntiAffinityPreset: "soft" },
    source: `${PLACEMENT}, item 1; ${cite("cloudNative", "Smallest production overlay")}`,
  },
  {
    key: "dapi",
    what: "the DALP API",
    minReplicas: 2,
    // The pages give no chart defaults for the API: the stack sets every value the rules read.
    chartDefaults: {},
    source: `${cite("cloudNative", "Production readiness checks (Replica posture)")}; ${cite("hotWarm", "pre-failover check (dalp-dapi pods)")}`,
  },
] as const;

/**
 * Services the stack runs as one replica on purpose, and why: the page asks that singleton services be
 * "documented as singleton dependencies" (Production readiness checks, Replica posture).
 */
export const SINGLETONS = [
  { name: "DIDX (chain indexer)", why: "one indexer per chain writes checkpoints; after a failure it resumes from the last checkpoint or rebuilds from the chain", source: cite("hotHot", "Chain Indexer; Recovery targets (DIDX indexer with healthy RPC, DIDX full rebuild)") },
  { name: "Velero server", why: "backups run from one controller; a restart resumes the schedule, and a missed run is alerted", source: cite("backup", "Chart-backed backup resources") },
  { name: "kube-state-metrics, Prometheus Operator", why: "stateless controllers the Deployment restarts in seconds; their loss delays alerts, it does not lose data", source: cite("cloudNative", "Production readiness checks (Observability)") },
  { name: "postgres, redis and blackbox exporters", why: "stateless probes restarted in seconds; while one is down its targets read up == 0 and the chart's TargetDown alert fires", source: cite("cloudNative", "Production readiness checks (Observability)") },
] as const;

/** "The default pod anti-affinity preset is soft." */
export const ANTI_AFFINITY_PRESET = { value: "soft", source: PLACEMENT } as const;


