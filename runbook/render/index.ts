import type { Runbook } from "../model";
import { renderMarkdown } from "./markdown";
import { renderText } from "./text";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function render(runbook: Runbook, format: Format): string {
  switch (format) {
    case "text":
      return renderText(runbook);
    case "markdown":
      return renderMarkdown(runbook);
    case "json":
      return JSON.stringify(runbook, null, 2);
  }
}
