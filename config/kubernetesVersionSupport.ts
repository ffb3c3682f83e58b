import type { ConfigIssue } from "./errors";
import { renderValue } from "./errors";

/** One Kubernetes minor of a managed service, with the day its standard support ends. */
export interface MinorSupport {
  minor: string;
  /** Last day of standard support, `YYYY-MM-DD`; after it the service charges extra, or stops patching. */
  endOfStandardSupport: string;
  /** Where the date comes from; an estimate says how it was made. */
  source: string;
}

/**
 * A managed service's Kubernetes calendar as read on one day. The check compares with that day, never with
 * the clock: a version that was in support when the table was read stays accepted until the table is
 * updated, so the tests do not rot and a plan is the same whenever it is made.
 */
export interface KubernetesCalendar {
  service: string;
  /** The day the calendar was read, `YYYY-MM-DD`. */
  readOn: string;
  /** The page to read when updating the table. */
  calendarUrl: string;
  /** The file that holds the table. */
  file: string;
  minors: readonly MinorSupport[];
}

const minorNumber = (minor: string) => Number(minor.split(".")[1]);

/** Minors in standard support on the day the calendar was read, oldest first. */
export function supportedMinors(calendar: KubernetesCalendar): string[] {
  return calendar.minors
    .filter((m) => m.endOfStandardSupport > calendar.readOn)
    .map((m) => m.minor)
    .sort((a, b) => minorNumber(a) - minorNumber(b));
}

/**
 * Refuses a minor the service no longer supports on the calendar's day, or one newer than the calendar
 * knows (the table must be updated first: a minor is added once its dates are published).
 */
export function kubernetesVersionIssues(calendar: KubernetesCalendar, version: string | undefined, key = "dalp:cluster.kubernetesVersion"): ConfigIssue[] {
  if (version === undefined) return [];
  const supported = supportedMinors(calendar);
  const choose = `one of ${supported.join(", ")} (${calendar.service} standard support on ${calendar.readOn})`;
  const entry = calendar.minors.find((m) => m.minor === version);
  const given = renderValue(version);
  if (entry && entry.endOfStandardSupport > calendar.readOn) return [];
  if (entry) {
    return [{ key, given, allowed: `${choose}: standard support for ${version} ended on ${entry.endOfStandardSupport} (${entry.source})` }];
  }
  const newest = supported[supported.length - 1];
  if (minorNumber(version) > minorNumber(newest)) {
    return [
      {
        key,
        given,
        allowed: `${choose}: ${version} is newer than this version's table of ${calendar.service} minors, read ${calendar.readOn}; once ${calendar.service} offers it, add it with its end of standard support to ${calendar.file} (${calendar.calendarUrl})`,
      },
    ];
  }
  const oldest = calendar.minors.map((m) => m.minor).sort((a, b) => minorNumber(a) - minorNumber(b))[0];
  if (minorNumber(version) < minorNumber(oldest)) {
    return [{ key, given, allowed: `${choose}: ${version} is out of standard support (so is ${oldest}, the oldest minor the table lists)` }];
  }
  return [{ key, given, allowed: `${choose}: ${calendar.service} does not offer ${version}` }];
}
