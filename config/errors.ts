/** One thing wrong with the configuration: where, what was given, and what would be accepted. */
export interface ConfigIssue {
  /** Full config key with its namespace, e.g. `dalp:postgres.backupRetentionDays`. */
  key: string;
  /** The value given, already rendered for a message (secrets are never rendered). */
  given: string;
  /** What the key accepts. */
  allowed: string;
}

/**
 * Thrown before any resource is declared when the stack configuration is invalid. The message lists every
 * problem found, not only the first, so one edit of the stack file can fix them all.
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = "ConfigError";
    this.issues = issues;
  }
}

export function formatIssues(issues: ConfigIssue[]): string {
  const head =
    issues.length === 1
      ? "Invalid DALP configuration; nothing was declared:"
      : `Invalid DALP configuration (${issues.length} problems); nothing was declared:`;
  return [head, ...issues.map((i) => `  - ${i.key}: got ${i.given}; expected ${i.allowed}`)].join("\n");
}

export function renderValue(value: unknown): string {
  if (value === undefined) return "nothing (the key is not set)";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
