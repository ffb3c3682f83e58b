import * as fs from "fs";
import * as path from "path";
import { chromium } from "playwright-core";
import { run } from "../cli/main";
import { buildComparison } from "../compare/build";
import { DEFAULT_HOURLY_RATE } from "../compare/command";
import { comparisonHtml } from "../compare/html";
import { comparisonMarkdown } from "../compare/render";
import type { Comparison } from "../compare/model";
import { fromPlan } from "../checker/fromPlan";
import { estimateCost } from "../cost/estimate";
import { defaultUsage } from "../cost/usage";
import { EFFORT } from "../facts/effort";
import { referenceStacks } from "../planner/stackFiles";
import { COMPARISON_FILE, comparisonDoc } from "../scripts/comparisonDocs";
import { referencePlan } from "./helpers/stacks";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(["node", "dalp-ha", ...argv], (t) => (out += `${t}\n`), (t) => (err += `${t}\n`));
  return { code, out, err };
}

/** Where the browser test leaves its screenshot (ignored by git), for a person to look at. */
const SCREENSHOT = path.join(__dirname, "..", "out", "comparison.png");

let comparison: Comparison;
beforeAll(async () => {
  comparison = await buildComparison({ hourlyRate: DEFAULT_HOURLY_RATE });
}, 120000);

describe("dalp-ha compare", () => {
  it("has one row per reference stack with its cost, effort, recovery per failure and deploy time", async () => {
    expect(comparison.rows.map((r) => r.stack)).toEqual(referenceStacks());
    for (const row of comparison.rows) {
      const plan = await referencePlan(row.stack);
      expect(row.monthlyCost.min).toBe(estimateCost(fromPlan(plan, row.stack), { usage: defaultUsage() }).totalMonthlyCost);
      const effort = EFFORT[row.pattern as keyof typeof EFFORT];
      expect(row.effort.monthlyHours).toEqual(effort.monthlyHours);
      expect(row.effort.monthlyPeopleCost).toEqual({ min: effort.monthlyHours.min * DEFAULT_HOURLY_RATE, max: effort.monthlyHours.max * DEFAULT_HOURLY_RATE });
      expect(Object.keys(row.recovery)).toEqual(["pod", "node", "zone", "database", "region"]);
      // Hot-warm fails over, hot-cold rebuilds from its copies; cloud-native has no second region.
      expect(row.survives).toEqual(row.pattern === "cloud-native" ? ["pod", "node", "zone", "database"] : ["pod", "node", "zone", "database", "region"]);
      expect(row.deploy.create.max).toBeGreaterThan(row.deploy.create.min);
      expect(row.deploy.failover === undefined).toBe(row.pattern === "cloud-native");
    }
  });

  it("no flags gives the whole table; json, markdown and --cloud answer the same", async () => {
    const table = await cli("compare");
    expect(table.code).toBe(0);
    for (const stack of referenceStacks()) expect(table.out).toContain(stack);
    const json = JSON.parse((await cli("compare", "--cloud", "gcp", "--format", "json")).out);
    expect(json.rows.map((r: { stack: string }) => r.stack)).toEqual(["gcp-cloud-native", "gcp-hot-cold", "gcp-hot-warm"]);
    expect(json.rows[2].recovery.region.rpo.max).toBe("unbounded");
    // The rebuild restores the latest daily backup: up to a day and its window behind.
    expect(json.rows[1].recovery.region.rpo.max).toBe(28 * 3600);
    const markdown = comparisonMarkdown(comparison);
    expect(markdown.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Stack") && !l.startsWith("| ---")).length).toBe(referenceStacks().length);
  });

  it("--region prices each stack of that region's cloud at its prices; --hourly-rate prices the effort", async () => {
    const json = JSON.parse((await cli("compare", "--region", "us-east-1", "--hourly-rate", "150", "--format", "json")).out);
    expect(json.rows.map((r: { stack: string; pricedIn: string }) => [r.stack, r.pricedIn])).toEqual([
      ["aws-cloud-native", "us-east-1"],
      ["aws-hot-cold", "us-east-1"],
      ["aws-hot-warm", "us-east-1"],
    ]);
    const frankfurt = comparison.rows.find((r) => r.stack === "aws-cloud-native")?.monthlyCost.min as number;
    expect(json.rows[0].monthlyCost.min).toBeLessThan(frankfurt);
    expect(json.rows[0].effort.monthlyPeopleCost).toEqual({ min: 8 * 150, max: 16 * 150 });
    expect(await cli("compare", "--region", "mars-1")).toMatchObject({ code: 2, err: expect.stringMatching(/--region mars-1 is in no price book; priced regions: .*eu-central-1/) });
    expect(await cli("compare", "--cloud", "azure", "--region", "us-east-1")).toMatchObject({ code: 2, err: expect.stringContaining("--region us-east-1 is a aws region, not azure") });
    expect(await cli("compare", "--format", "pdf")).toMatchObject({ code: 2, err: expect.stringContaining("--format must be one of table, json, markdown, html") });
  });

  it("docs/comparison.md is what compare --format markdown prints now (regenerate with npm run docs:comparison)", async () => {
    expect(fs.readFileSync(COMPARISON_FILE, "utf8")).toEqual(await comparisonDoc(comparison));
  });
});

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * Without Debian's Chromium the browser test is skipped with a warning, so `npm test` runs on a machine that has
 * only Node; .ci/run installs Chromium and sets DALP_HA_REQUIRE_BROWSER=1, where a missing browser fails.
 */
const browserTest = fs.existsSync(executablePath) || process.env.DALP_HA_REQUIRE_BROWSER === "1" ? it : it.skip;
if (!fs.existsSync(executablePath)) console.warn(`no Chromium at ${executablePath}: the HTML report's browser test is skipped (apt-get install -y chromium, or set CHROMIUM_PATH)`);

describe("the HTML report in headless Chromium", () => {
  browserTest("draws one point per stack at its cost and regional RTO, lists every row, and prints to a screenshot", async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (as .ci/run does), or set CHROMIUM_PATH`);
    const file = path.join(path.dirname(SCREENSHOT), "comparison.html");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, comparisonHtml(comparison));
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(`file://${file}`);
      const points = await page.locator("circle.point").evaluateAll((els) =>
        els.map((e) => ({ stack: e.getAttribute("data-stack"), cost: Number(e.getAttribute("data-cost")), rto: e.getAttribute("data-rto-minutes"), cy: Number(e.getAttribute("cy")), box: e.getBoundingClientRect().toJSON() as { x: number; width: number } })),
      );
      expect(points.map((p) => p.stack)).toEqual(comparison.rows.map((r) => r.stack));
      for (const [i, p] of points.entries()) {
        const row = comparison.rows[i];
        expect(p.cost).toBe(row.monthlyCost.min);
        expect(p.rto === "none").toBe(row.recovery.region.rto === undefined);
        // Drawn, and on the page: a real circle inside the chart.
        expect(p.box.width).toBeGreaterThan(5);
        expect(p.box.x).toBeGreaterThan(0);
        expect(p.box.x + p.box.width).toBeLessThan(1366);
      }
      // The dearer the stack, the higher its point.
      const byCost = [...points].sort((a, b) => a.cost - b.cost);
      for (let i = 1; i < byCost.length; i++) expect(byCost[i].cy).toBeLessThanOrEqual(byCost[i - 1].cy);
      // Stacks that survive a region sit left of the band for those that do not.
      const surviving = points.filter((p) => p.rto !== "none").map((p) => p.box.x);
      const not = points.filter((p) => p.rto === "none").map((p) => p.box.x);
      expect(Math.max(...surviving)).toBeLessThan(Math.min(...not));
      const rows = await page.locator("#comparison tbody tr").evaluateAll((els) => els.map((e) => e.getAttribute("data-stack")));
      expect(rows).toEqual(comparison.rows.map((r) => r.stack));
      expect(await page.locator("#comparison thead th").count()).toBe(14);
      // Readable on a laptop: the table fits the viewport's width without scrolling sideways.
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(fs.readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe("PNG");
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("#chart").isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120000);
});
