/**
 * Five-field cron (minute hour day-of-month month day-of-week) or a Velero `@every`/`@daily` descriptor.
 * Shared by this pack and the program's configuration check.
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
