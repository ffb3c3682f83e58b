/**
 * A moment as RFC 3339 in UTC to the second (`2026-11-30T14:05:00Z`), the one form `dalp:*.pointInTime` takes
 * and the clouds' restore APIs accept, and in which such texts compare in time order. Fractions are cut, never
 * rounded up.
 */
export function utcSecond(at: number | Date): string {
  return new Date(at).toISOString().replace(/\.\d+Z$/, "Z");
}
