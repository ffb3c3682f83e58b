/**
 * Process exit codes of the CLI, shared by every command; docs/configuration.md and the commands' help list
 * them (`exitCodesHelp`).
 */
export const EXIT = {
  ok: 0,
  /** The command's finding: a mandatory rule is violated (check), a change would stop `pulumi up` (diff). */
  failed: 1,
  /** Bad usage or unreadable input (a file that is not a stack file or a state); the message says what to fix. */
  usage: 2,
  /** The stack configuration is invalid; nothing was planned, checked or compared. The message lists every problem. */
  invalidConfig: 3,
  /** An internal error: a bug in dalp-ha, printed with its stack trace (bin/dalp-ha.js). */
  internal: 70,
} as const;

/** The exit codes as help lists them; `finding` is what exit 1 means for the command (none: it never exits 1). */
export function exitCodesHelp(finding?: string): string {
  const lines = [
    `  ${EXIT.ok}   success`,
    ...(finding ? [`  ${EXIT.failed}   ${finding}`] : []),
    `  ${EXIT.usage}   bad usage or unreadable input (not a stack file, not a state export, no such file)`,
    `  ${EXIT.invalidConfig}   invalid stack configuration: every problem is listed, nothing was declared`,
    `  ${EXIT.internal}  internal error (a bug; please report it with the stack trace)`,
  ];
  return `\nExit codes:\n${lines.join("\n")}`;
}

/** An error the user can fix from the message alone: printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
