import type { DalpConfig } from "../config/types";

/** Tags (labels on GCP) every resource of the stack carries, so cost and ownership trace back to the stack. */
export function stackTags(config: Pick<DalpConfig, "project" | "stack" | "pattern" | "tags">): Record<string, string> {
  return {
    "dalp:project": config.project,
    "dalp:stack": config.stack,
    "dalp:pattern": config.pattern,
    "managed-by": "pulumi",
    ...config.tags,
  };
}
