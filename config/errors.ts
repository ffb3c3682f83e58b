import { redactCredentials } from "../facts/credentials";

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

  /** `origin` names the stack file, where the caller knows it. */
  constructor(issues: ConfigIssue[], origin?: string) {
    super(formatIssues(issues, origin));
    this.name = "ConfigError";
    this.issues = issues;
  }

  /** The same error, naming the stack file it came from. */
  in(origin: string): ConfigError {
    return new ConfigError(this.issues, origin);
  }
}

export function formatIssues(issues: ConfigIssue[], origin?: string): string {
  const where = origin ? ` in ${origin}` : "";
  const head =
    issues.length === 1
      ? `Invalid DALP configuration${where}; nothing was declared:`
      : `Invalid DALP configuration${where} (${issues.length} problems); nothing was declared:`;
  return [head, ...issues.map((i) => `  - ${i.key}: got ${i.given}; expected ${i.allowed}`)].join("\n");
}

/** A value as an error prints it: credentials inside it as `[secret]`, long values cut short. */
export function renderValue(value: unknown): string {
  if (value === undefined) return "nothing (the key is not set)";
  const text = JSON.stringify(redactCredentials(value)) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** What an error prints for a value it must not show. */
export const SECRET_SHOWN_AS = "[secret]";
