import * as fs from "fs";
import * as path from "path";
import { runbookForStack } from "../runbook/forStack";
import { renderMarkdown } from "../runbook/render/markdown";
import { multiRegionReferenceStacks } from "../runbook/stacks";
import { PROJECT_ROOT } from "../planner/stackFiles";

export const RUNBOOK_DIR = path.join(PROJECT_ROOT, "docs", "runbooks");

export function runbookDocFile(stack: string): string {
  return path.join(RUNBOOK_DIR, `${stack}.md`);
}

/** The generated runbook of one reference stack, failing over to its standby: what `docs/runbooks/<stack>.md` holds. */
export async function runbookDoc(stack: string): Promise<string> {
  return renderMarkdown(await runbookForStack({ stack }));
}

async function main(): Promise<void> {
  fs.mkdirSync(RUNBOOK_DIR, { recursive: true });
  const stacks = multiRegionReferenceStacks();
  for (const stack of stacks) {
    fs.writeFileSync(runbookDocFile(stack), await runbookDoc(stack));
    console.log(`wrote ${path.relative(process.cwd(), runbookDocFile(stack))}`);
  }
  // A runbook of a stack that is no longer a reference stack would be read as current.
  for (const file of fs.readdirSync(RUNBOOK_DIR)) {
    if (file.endsWith(".md") && !stacks.includes(file.slice(0, -3))) {
      fs.rmSync(path.join(RUNBOOK_DIR, file));
      console.log(`removed docs/runbooks/${file}`);
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
