/**
 * The product documentation these facts come from: SettleMint's DALP self-hosting high-availability pages
 * (Architecture > Self-Hosting > High Availability), read 2026-11-22. Each fact names its page and section.
 */
export const PAGES = {
  cloudNative: "Cloud-native high availability",
  recommended: "Cloud-Native (Recommended)",
  hotWarm: "Hot-warm active-standby",
  hotHot: "Hot-hot active-active",
  backup: "Backup and recovery",
} as const;

/** A citation of one section of one page, as rules, messages and docs print it. */
export function cite(page: keyof typeof PAGES, section: string): string {
  return `${PAGES[page]}, ${section}`;
}
