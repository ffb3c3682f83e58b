import * as fs from "fs";
import { configurationDoc, DOC_FILE } from "../scripts/configDocs";

describe("docs/configuration.md", () => {
  it("is what config/schema.ts and the per-cloud tables generate (regenerate with npm run docs:config)", () => {
    expect(fs.readFileSync(DOC_FILE, "utf8")).toBe(configurationDoc());
  });

  it("describes every key of the schema", () => {
    const rows = configurationDoc()
      .split("\n")
      .filter((line) => line.startsWith("| `dalp:"));
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const cells = row.split(" | ");
      expect([cells[0], cells[3].replace(/ \|$/, "").trim().length > 10]).toEqual([cells[0], true]);
    }
  });
});
