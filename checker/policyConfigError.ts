/**
 * A policy configuration file the checker cannot use. On its own so the CLI can recognise it without loading
 * the JSON-schema validator for commands that never read one.
 */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}
