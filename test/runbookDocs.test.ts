import * as fs from "fs";
import * as path from "path";
import { RUNBOOK_DIR, runbookDoc, runbookDocFile } from "../scripts/runbookDocs";
import { multiRegionReferenceStacks } from "../runbook/stacks";

const STACKS = multiRegionReferenceStacks();

describe("docs/runbooks", () => {
  it("holds one runbook per multi-region reference stack and no other (regenerate with npm run docs:runbooks)", () => {
    const files = fs.existsSync(RUNBOOK_DIR) ? fs.readdirSync(RUNBOOK_DIR).filter((f) => f.endsWith(".md")).sort() : [];
    expect(files).toEqual(STACKS.map((s) => `${s}.md`).sort());
  });

  it.each(STACKS)("docs/runbooks/%s.md is what the stack file and its plans generate now", async (stack) => {
    const generated = await runbookDoc(stack);
    expect({ file: path.relative(process.cwd(), runbookDocFile(stack)), text: fs.readFileSync(runbookDocFile(stack), "utf8") }).toEqual({
      file: path.relative(process.cwd(), runbookDocFile(stack)),
      text: generated,
    });
  }, 120000);
});
