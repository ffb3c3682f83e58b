/** Small readings of provider values shared by the readers. */

/** The distinct non-empty strings among the values (ids, names, ARNs), in order. */
export function names(...values: unknown[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}

/** A number when the value is one (or numeric text), otherwise undefined. */
export function numberOr(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `1.33.5-gke.1` -> `1.33`; "?" when no version is set. */
export function minorOf(version: unknown): string {
  return String(version ?? "?").split(".").slice(0, 2).join(".");
}

/** Stands for a value set in the program that the cloud computes, unknown during a first `pulumi preview`. */
export const UNKNOWN = "(known after apply)";

/**
 * A value that may be unknown during a preview: the value, or UNKNOWN when it is set but not yet computed.
 * A replica's source ARN is unknown until its source exists, yet the database is a replica all the same.
 */
export function present(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return UNKNOWN;
  }
}

/** Identifiers that are known: an unknown id matches nothing rather than failing the whole rule. */
export function knownNames(...reads: Array<() => unknown>): string[] {
  return names(...reads.map(present)).filter((n) => n !== UNKNOWN);
}

/** A list that may hold values not yet computed: its items, with UNKNOWN for the whole when unreadable. */
export function listOf(read: () => unknown): unknown[] {
  try {
    const value = read();
    return Array.isArray(value) ? value.map((_, i) => present(() => value[i])) : [];
  } catch {
    return [UNKNOWN];
  }
}
