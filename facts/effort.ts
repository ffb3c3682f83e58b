import type { Pattern } from "./patterns";
import { cite } from "./source";

/** Hours as a range: the docs give every task and cycle as "x to y". */
export interface HourRange {
  min: number;
  max: number;
}

export interface SetupTask {
  task: string;
  hours: HourRange;
  role: string;
  /** The page and section, or how the figure was derived where the docs give none. */
  source: string;
}

export interface RecurringActivity {
  activity: string;
  /** How often: cycles per month are derived from it (daily 30.4, weekly 4.35, monthly 1, quarterly 1/3). */
  frequency: "daily" | "weekly" | "monthly" | "quarterly";
  hoursPerCycle: HourRange;
  source: string;
}

export interface PatternEffort {
  setup: SetupTask[];
  /** The total the docs state (their own rounding), or the sum of the tasks for a derived estimate. */
  setupTotal: { text: string; hours: HourRange; engineers: string };
  recurring: RecurringActivity[];
  /** Monthly hours as the docs state them, or the sum of the activities' monthly hours for a derived one. */
  monthlyHours: HourRange;
  fte: HourRange;
  /** "documented": every figure is the page's; "derived": the page gives none, and `derivation` says how. */
  basis: "documented" | "derived";
  derivation?: string;
}

/** Cycles per month of each frequency (365.25 / 12 days a month). */
export const CYCLES_PER_MONTH: Record<RecurringActivity["frequency"], number> = { daily: 30.44, weekly: 4.35, monthly: 1, quarterly: 1 / 3 };

const h = (min: number, max = min): HourRange => ({ min, max });
/** A working day, as the docs' "days" figures count it. */
const DAY = 8;

const CN = cite("recommended", "Setup and maintenance");
const HH = cite("hotHot", "Consortium networks, Setup and maintenance");
const HP = cite("hotHot", "Public EVM networks, Setup and maintenance");
const HW_CHECKS = cite("hotWarm", "Operational checks");

const cloudNativeSetup: SetupTask[] = [
  { task: "Kubernetes cluster provisioning", hours: h(2, 4), role: "Client platform engineer", source: CN },
  { task: "Managed PostgreSQL setup", hours: h(1, 2), role: "Client platform engineer", source: CN },
  { task: "Velero installation and config", hours: h(2, 4), role: "Client platform engineer", source: CN },
  { task: "Backup verification", hours: h(2, 4), role: "Client platform engineer", source: CN },
  { task: "Monitoring and alerting", hours: h(2, 4), role: "Client platform engineer", source: CN },
  { task: "Documentation and runbooks", hours: h(4, 8), role: "Client platform engineer", source: CN },
];

const cloudNativeRecurring: RecurringActivity[] = [
  { activity: "Backup verification", frequency: "weekly", hoursPerCycle: h(0.5), source: CN },
  { activity: "Helm chart updates", frequency: "monthly", hoursPerCycle: h(1, 2), source: CN },
  { activity: "DR drill / restore test", frequency: "quarterly", hoursPerCycle: h(4, 8), source: CN },
  { activity: "Security patching", frequency: "monthly", hoursPerCycle: h(2, 4), source: CN },
  { activity: "Capacity review", frequency: "quarterly", hoursPerCycle: h(2, 4), source: CN },
];

const twice = (r: HourRange): HourRange => h(r.min * 2, r.max * 2);
const task = (name: string) => cloudNativeSetup.find((t) => t.task === name) as SetupTask;
const activity = (name: string) => cloudNativeRecurring.find((a) => a.activity === name) as RecurringActivity;
const perRegion = (t: SetupTask): SetupTask => ({ ...t, task: `${t.task}, both regions`, hours: twice(t.hours), source: `${t.source}, once per region` });

/** Monthly hours of a set of activities, each at its frequency. */
export function monthlyHoursOf(activities: RecurringActivity[]): HourRange {
  const sum = (pick: (r: HourRange) => number) => activities.reduce((s, a) => s + pick(a.hoursPerCycle) * CYCLES_PER_MONTH[a.frequency], 0);
  return h(Math.round(sum((r) => r.min) * 10) / 10, Math.round(sum((r) => r.max) * 10) / 10);
}

const totalOf = (tasks: SetupTask[]): HourRange => h(tasks.reduce((s, t) => s + t.hours.min, 0), tasks.reduce((s, t) => s + t.hours.max, 0));

/**
 * FTE per monthly hour as the docs relate them: public hot-hot's 20 to 30 hours a month are 0.5 to 1 FTE,
 * consortium's 40 to 60 are 1.5 to 2, cloud-native's 8 to 16 about 0.25. The FTE covers on-call and incident
 * work the monthly hours leave out; a derived pattern's FTE uses the public hot-hot ratio, the middle of the three.
 */
const FTE_PER_MONTHLY_HOUR = h(0.5 / 20, 1 / 30);

const hotWarmSetup: SetupTask[] = [
  perRegion(task("Kubernetes cluster provisioning")),
  { ...task("Managed PostgreSQL setup"), task: "Managed PostgreSQL primary and cross-region replica", hours: twice(task("Managed PostgreSQL setup").hours), source: `${CN}, once per database` },
  perRegion(task("Velero installation and config")),
  task("Backup verification"),
  perRegion(task("Monitoring and alerting")),
  { task: "Global traffic management (health-checked DNS failover)", hours: h(4, 8), role: "Platform engineer", source: `${HP}: Global traffic management` },
  task("Documentation and runbooks"),
  { task: "First failover drill", hours: h(1, 6), role: "Platform team", source: `${cite("hotWarm", "Recovery metrics")}: RTT 1 to 6 hours` },
];

const hotWarmRecurring: RecurringActivity[] = [
  { activity: "Replication lag check", frequency: "daily", hoursPerCycle: h(0.25), source: `${HW_CHECKS} (daily); 15 minutes per cycle as ${HP}, Replication-lag monitoring` },
  { activity: "Standby workload readiness", frequency: "daily", hoursPerCycle: h(0.25), source: `${HW_CHECKS} (daily); 15 minutes per cycle as ${HP}, DIDX sync verification` },
  { activity: "Backup restore test", frequency: "weekly", hoursPerCycle: h(0.5), source: `${HW_CHECKS} (weekly); 30 minutes per cycle as ${CN}, Backup verification` },
  { activity: "Certificate and DNS review", frequency: "monthly", hoursPerCycle: h(0.5, 1), source: `${HW_CHECKS} (monthly); time per cycle an estimate: expiry dates, TTLs and the routing target of one name` },
  { ...activity("Helm chart updates"), activity: "Helm chart updates, both clusters", hoursPerCycle: twice(activity("Helm chart updates").hoursPerCycle), source: `${CN}, once per cluster` },
  { activity: "Failover drill", frequency: "quarterly", hoursPerCycle: h(1, 6), source: `${HW_CHECKS} (quarterly); ${cite("hotWarm", "Recovery metrics")}: RTT 1 to 6 hours` },
  { ...activity("Security patching"), activity: "Security patching, both clusters", hoursPerCycle: twice(activity("Security patching").hoursPerCycle), source: `${HW_CHECKS} (monthly); ${CN}, once per cluster` },
  activity("Capacity review"),
];

const hotColdSetup: SetupTask[] = [
  ...cloudNativeSetup,
  { task: "Cross-region backup copies and bucket replication", hours: h(2, 4), role: "Client platform engineer", source: `estimate: as ${CN}, Velero installation and config` },
  { task: "First rebuild drill in the recovery region", hours: h(8, 16), role: "Platform team", source: "estimate: the hot-cold recovery test time, 1 to 2 days (facts/recovery.ts)" },
];

const hotColdRecurring: RecurringActivity[] = [
  ...cloudNativeRecurring.filter((a) => a.activity !== "DR drill / restore test"),
  { activity: "Verify the copies in the recovery region", frequency: "weekly", hoursPerCycle: h(0.5), source: `estimate: as ${CN}, Backup verification` },
  { activity: "Rebuild drill in the recovery region", frequency: "quarterly", hoursPerCycle: h(8, 16), source: "estimate: the hot-cold recovery test time, 1 to 2 days (facts/recovery.ts)" },
];

function derived(setup: SetupTask[], recurring: RecurringActivity[], engineers: string, derivation: string): PatternEffort {
  const total = totalOf(setup);
  const monthly = monthlyHoursOf(recurring);
  const round = (x: number) => Math.round(x * 100) / 100;
  const days = (x: number) => Math.round((x / DAY) * 10) / 10;
  return {
    setup,
    setupTotal: { text: `${total.min} to ${total.max} hours (${days(total.min)} to ${days(total.max)} days)`, hours: total, engineers },
    recurring,
    monthlyHours: monthly,
    fte: h(round(monthly.min * FTE_PER_MONTHLY_HOUR.min), round(monthly.max * FTE_PER_MONTHLY_HOUR.max)),
    basis: "derived",
    derivation,
  };
}

/** Setup and monthly operating effort of each pattern: the docs' tables where they give them, else derived. */
export const EFFORT: Record<Pattern, PatternEffort> = {
  "cloud-native": {
    setup: cloudNativeSetup,
    setupTotal: { text: "2 to 3 days", hours: h(2 * DAY, 3 * DAY), engineers: "1 client engineer" },
    recurring: cloudNativeRecurring,
    monthlyHours: h(8, 16),
    fte: h(0.25),
    basis: "documented",
  },
  "hot-warm": derived(
    hotWarmSetup,
    hotWarmRecurring,
    "1 client engineer",
    "The product docs give hot-warm's checks and their frequencies (Hot-warm active-standby, Operational checks) but no hours. Setup is the cloud-native tasks once per region, plus the public hot-hot page's global traffic management and a first drill of the hot-warm RTT. Each check takes the time of the nearest documented activity; FTE uses the public hot-hot ratio of FTE to monthly hours.",
  ),
  "hot-cold": derived(
    hotColdSetup,
    hotColdRecurring,
    "1 client engineer",
    "The product docs have no hot-cold page. Setup is the cloud-native tasks for the active region, plus the backup copies into the recovery region and a first rebuild drill; monthly work is cloud-native's with its quarterly restore test replaced by a rebuild drill and a weekly check of the copies. FTE uses the public hot-hot ratio of FTE to monthly hours.",
  ),
  "hot-hot-public": {
    setup: [
      { task: "Two-cluster provisioning", hours: h(DAY), role: "Platform engineer", source: HP },
      { task: "CloudNativePG setup across clusters", hours: h(DAY), role: "Platform engineer", source: HP },
      { task: "DIDX setup", hours: h(DAY, 2 * DAY), role: "Platform engineer", source: HP },
      { task: "Global traffic management", hours: h(4, 8), role: "Platform engineer", source: HP },
    ],
    setupTotal: { text: "1.5 to 2 weeks", hours: h(1.5 * 5 * DAY, 2 * 5 * DAY), engineers: "1 to 2 client engineers" },
    recurring: [
      { activity: "Replication-lag monitoring", frequency: "daily", hoursPerCycle: h(0.25), source: HP },
      { activity: "DIDX sync verification", frequency: "daily", hoursPerCycle: h(0.25), source: HP },
      { activity: "DR drill or failover test", frequency: "quarterly", hoursPerCycle: h(4, 8), source: HP },
      { activity: "Security patching across clusters", frequency: "monthly", hoursPerCycle: h(4, 8), source: HP },
    ],
    monthlyHours: h(20, 30),
    fte: h(0.5, 1),
    basis: "documented",
  },
  "hot-hot-consortium": {
    setup: [
      { task: "Four-cluster provisioning", hours: h(DAY, 2 * DAY), role: "Platform engineer", source: HH },
      { task: "Network connectivity, peering, or VPN", hours: h(DAY, 2 * DAY), role: "Network engineer", source: HH },
      { task: "CloudNativePG setup across clusters", hours: h(DAY, 2 * DAY), role: "Platform engineer", source: HH },
      { task: "PostgreSQL distributed topology", hours: h(2 * DAY, 3 * DAY), role: "DBA or platform engineer", source: HH },
      { task: "Failover automation and testing", hours: h(2 * DAY, 3 * DAY), role: "Platform engineer", source: HH },
      { task: "End-to-end DR drill", hours: h(DAY, 2 * DAY), role: "Platform team", source: HH },
    ],
    setupTotal: { text: "3 to 5 weeks", hours: h(3 * 5 * DAY, 5 * 5 * DAY), engineers: "2 to 3 client engineers" },
    recurring: [
      { activity: "Cross-cluster replication monitoring", frequency: "daily", hoursPerCycle: h(0.5), source: HH },
      { activity: "Backup verification across clusters", frequency: "weekly", hoursPerCycle: h(2), source: HH },
      { activity: "Helm chart updates across clusters", frequency: "monthly", hoursPerCycle: h(4, 8), source: HH },
      { activity: "DR drill or failover test", frequency: "quarterly", hoursPerCycle: h(DAY, 2 * DAY), source: HH },
      { activity: "Security patching across clusters", frequency: "monthly", hoursPerCycle: h(DAY, 2 * DAY), source: HH },
    ],
    monthlyHours: h(40, 60),
    fte: h(1.5, 2),
    basis: "documented",
  },
};
