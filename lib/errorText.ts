/** The first line of an error's message: what a provider said, without the trace or the request dump after it. */
export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}
