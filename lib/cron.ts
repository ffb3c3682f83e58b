/**
 * Five-field cron (minute hour day-of-month month day-of-week) or a Velero `@every`/`@daily` descriptor.
 * Shared by the program's configuration check, the alert rules and the policy pack.
 */
export function isCron(value: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(value)) return true;
  if (/^@every \d+[smh](\d+[smh])*$/.test(value)) return true;
  const fields = value.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const ranges: Array<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
  return fields.every((field, i) =>
    field.split(",").every((part) => {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return false;
      const [lo, hi] = ranges[i];
      const nums = [m[2], m[3]].filter((n): n is string => n !== undefined).map(Number);
      return nums.every((n) => n >= lo && n <= hi) && (m[4] === undefined || Number(m[4]) > 0);
    }),
  );
}

/** Hours in a Go duration such as Velero's TTL ("720h0m0s", "48h", "90m"); undefined when it is not one. */
export function durationHours(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^(\d+h)?(\d+m)?(\d+(\.\d+)?s)?$/.test(value) || value === "") return undefined;
  const part = (unit: string) => Number(new RegExp(`(\\d+(?:\\.\\d+)?)${unit}`).exec(value)?.[1] ?? 0);
  return part("h") + part("m") / 60 + part("s") / 3600;
}

const gaps = new Map<string, number>();

/**
 * The longest gap, in minutes, between two runs of a cron schedule, found by walking five weeks minute by
 * minute. Used to alert when no successful backup has happened for longer than the schedule allows, and by the
 * policy pack to check each schedule's cadence. Remembered per expression: the walk is the costliest step of
 * planning an alert set, and a plan asks for the same few schedules many times.
 */
export function maxCronGapMinutes(expr: string): number {
  let gap = gaps.get(expr);
  if (gap === undefined) {
    gap = walkCronGap(expr);
    gaps.set(expr, gap);
  }
  return gap;
}

function walkCronGap(expr: string): number {
  const descriptor: Record<string, number> = {
    "@hourly": 60,
    "@daily": 1440,
    "@midnight": 1440,
    "@weekly": 10080,
    "@monthly": 44640,
    "@yearly": 527040,
    "@annually": 527040,
  };
  if (descriptor[expr] !== undefined) return descriptor[expr];
  const every = /^@every (.+)$/.exec(expr);
  if (every) {
    let minutes = 0;
    for (const [, n, unit] of every[1].matchAll(/(\d+)([smh])/g)) minutes += Number(n) * (unit === "h" ? 60 : unit === "m" ? 1 : 1 / 60);
    return Math.max(1, Math.ceil(minutes));
  }
  const [minute, hour, dom, month, dow] = expr.trim().split(/\s+/).map((f, i) => parseField(f, RANGES[i]));
  const domRestricted = !expr.trim().split(/\s+/)[2].startsWith("*");
  const dowRestricted = !expr.trim().split(/\s+/)[4].startsWith("*");
  const window = 35 * 24 * 60;
  const start = Date.UTC(2026, 0, 5); // a Monday; any fixed date keeps the result reproducible
  const hours = [...hour].filter((h) => h <= 23).sort((a, b) => a - b);
  const minutes = [...minute].filter((m) => m <= 59).sort((a, b) => a - b);
  let last: number | undefined;
  let first: number | undefined;
  let gap = 0;
  // Day by day, then the day's matching times in order: the runs come out ascending, as a walk minute by
  // minute would find them, at a fraction of the cost (a plan asks this for every schedule and alert rule).
  for (let day = 0; day < window / 1440; day++) {
    const t = new Date(start + day * 86_400_000);
    const d = dom.has(t.getUTCDate());
    const w = dow.has(t.getUTCDay()) || (t.getUTCDay() === 0 && dow.has(7));
    // Standard cron: when both day fields are restricted, either may match.
    const dayMatches = domRestricted && dowRestricted ? d || w : d && w;
    if (!dayMatches || !month.has(t.getUTCMonth() + 1)) continue;
    for (const h of hours) {
      for (const mi of minutes) {
        const m = day * 1440 + h * 60 + mi;
        if (last !== undefined) gap = Math.max(gap, m - last);
        first ??= m;
        last = m;
      }
    }
  }
  // Fewer than two runs in five weeks: the gap is at least the whole window.
  if (last === undefined || first === last) return window;
  return gap;
}

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(field: string, [lo, hi]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`not a cron field: ${field}`);
    const from = m[1] === "*" ? lo : Number(m[2]);
    const to = m[1] === "*" ? hi : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? hi : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}
