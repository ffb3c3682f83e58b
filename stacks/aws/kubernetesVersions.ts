import type { KubernetesCalendar } from "../../config/kubernetesVersionSupport";

const ENDOFLIFE = "endoflife.date/amazon-eks (Amazon EKS release calendar), read 2026-12-01";
const APEX = "aws-samples sample-apex-skills, eks-operation-review cluster-lifecycle, 'EKS Version Support Calendar' (last verified 2026-04-24), read 2026-12-01";

/**
 * Amazon EKS minors and the end of their standard support (14 months after EKS releases a minor; extended
 * support after it costs six times the cluster fee and ends in a forced upgrade). Source of the rule:
 * docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html, read 2026-12-01.
 */
export const EKS_CALENDAR: KubernetesCalendar = {
  service: "Amazon EKS",
  readOn: "2026-12-01",
  calendarUrl: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
  file: "stacks/aws/kubernetesVersions.ts",
  minors: [
    { minor: "1.29", endOfStandardSupport: "2025-03-23", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.30", endOfStandardSupport: "2025-07-23", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.31", endOfStandardSupport: "2025-11-26", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.32", endOfStandardSupport: "2026-03-23", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.33", endOfStandardSupport: "2026-07-29", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.34", endOfStandardSupport: "2026-12-02", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.35", endOfStandardSupport: "2027-03-27", source: `${ENDOFLIFE}; ${APEX}` },
    { minor: "1.36", endOfStandardSupport: "2027-08-02", source: "aws-samples EKS upgrade notes, read 2026-08-03 (stacks/aws/defaults.ts)" },
    {
      minor: "1.37",
      endOfStandardSupport: "2027-12-01",
      source: "estimate: EKS released 1.37 on 2026-10-01 (stacks/aws/defaults.ts), plus the 14 months of standard support; replace with the calendar's date",
    },
  ],
};
