/** Process exit codes of the CLI, shared by every command. */
export const EXIT = {
  ok: 0,
  /** The configuration is invalid (plan) or a mandatory rule is violated (check). */
  failed: 1,
  /** Bad usage or unreadable input; the message says what to fix. */
  usage: 2,
} as const;

/** An error the user can fix from the message alone: printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
