import type { KubernetesCalendar } from "../../config/kubernetesVersionSupport";

const CALENDAR = "AKS Kubernetes release calendar (MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md, ms.date 2026-08-05), read 2026-12-01";

/**
 * AKS minors and their end of life, the last day of the month the calendar names ("Unless an explicit date is
 * provided, the End of Life (EOL) date is the last day of the specified month"): AKS supports a GA minor for 12
 * months; long-term support (Premium tier) is not configured by this stack.
 */
export const AKS_CALENDAR: KubernetesCalendar = {
  service: "AKS",
  readOn: "2026-12-01",
  calendarUrl: "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar",
  file: "stacks/azure/kubernetesVersions.ts",
  minors: [
    { minor: "1.32", endOfStandardSupport: "2026-03-31", source: `${CALENDAR}: end of life Mar 2026` },
    { minor: "1.33", endOfStandardSupport: "2026-07-31", source: `${CALENDAR}: end of life Jul 2026` },
    { minor: "1.34", endOfStandardSupport: "2026-11-30", source: `${CALENDAR}: end of life Nov 2026` },
    { minor: "1.35", endOfStandardSupport: "2027-03-31", source: `${CALENDAR}: end of life Mar 2027` },
    { minor: "1.36", endOfStandardSupport: "2027-06-30", source: `${CALENDAR}: end of life Jun 2027` },
    { minor: "1.37", endOfStandardSupport: "2027-10-31", source: `${CALENDAR}: AKS GA Oct 2026, end of life Oct 2027` },
  ],
};
