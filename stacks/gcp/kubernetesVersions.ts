import type { KubernetesCalendar } from "../../config/kubernetesVersionSupport";

/**
 * GKE minors the stack can ask for, and the end of their standard support. The stack enrols clusters in the
 * STABLE release channel (GCP_DEFAULTS.releaseChannel), where GKE creates only the minors the channel offers:
 * 1.34 and 1.35 on 2026-11-22 (GKE release notes, "Current versions", as read for stacks/gcp/defaults.ts).
 * A newer minor is refused until the channel offers it and the table lists it.
 */
export const GKE_CALENDAR: KubernetesCalendar = {
  service: "GKE (Stable channel)",
  readOn: "2026-12-01",
  calendarUrl: "https://cloud.google.com/kubernetes-engine/docs/release-schedule",
  file: "stacks/gcp/kubernetesVersions.ts",
  minors: [
    {
      minor: "1.33",
      endOfStandardSupport: "2026-11-22",
      source: "no later than this: on 2026-11-22 the Stable channel no longer offered 1.33 for new clusters (GKE release notes, 'Current versions', as read for stacks/gcp/defaults.ts); the exact date is on the release schedule",
    },
    {
      minor: "1.34",
      endOfStandardSupport: "2026-12-31",
      source:
        "estimate: the Stable channel still offered 1.34 on 2026-11-22 (GKE release notes) and GKE supports a minor about 14 months after it reaches the Regular channel (autumn 2025, cloud.google.com/kubernetes-engine/versioning); replace with the release schedule's date",
    },
    { minor: "1.35", endOfStandardSupport: "2027-02-28", source: "endoflife.date/google-kubernetes-engine, read 2026-11-22 (stacks/gcp/defaults.ts)" },
  ],
};
