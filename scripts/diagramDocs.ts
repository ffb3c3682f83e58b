import * as path from "path";
import { architectureOf } from "../diagram/architecture";
import { toMermaid } from "../diagram/mermaid";
import { planStack } from "../planner/plan";
import { writeGenerated } from "./writeGenerated";
import { PROJECT_ROOT, referenceStacks } from "../planner/stackFiles";

export const DIAGRAMS_FILE = path.join(PROJECT_ROOT, "docs", "diagrams.md");

/** docs/diagrams.md: the planned architecture of every reference stack, as `dalp-ha diagram` prints it. */
export async function diagramsDoc(): Promise<string> {
  const sections: string[] = [];
  for (const stack of referenceStacks()) {
    const mermaid = toMermaid(architectureOf(await planStack({ stack })));
    sections.push(`## ${stack}\n\n\`npx dalp-ha diagram ${stack}\`\n\n\`\`\`mermaid\n${mermaid}\n\`\`\`\n`);
  }
  return [
    "# Architecture diagrams",
    "",
    "Generated from each reference stack's planned graph by `npm run docs:diagrams`; `test/diagram.test.ts` fails",
    "when this file is stale. Solid arrows carry load or data now; dotted ones stand by (the failover target).",
    "",
    ...sections,
  ].join("\n");
}

if (require.main === module) writeGenerated(DIAGRAMS_FILE, () => diagramsDoc());
