import * as fs from "fs";
import { DOC_FILE, withCurrentTable } from "../scripts/policyDocs";

describe("docs/policies.md", () => {
  it("lists every rule as the pack defines it (regenerate with npm run docs:policies)", () => {
    const doc = fs.readFileSync(DOC_FILE, "utf8");
    expect(doc).toBe(withCurrentTable(doc));
  });
});
