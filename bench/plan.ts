/**
 * Prints, for each reference stack, the median wall time to plan it as a whole `dalp-ha plan` process, beside
 * the median time a bare Node process takes to load @pulumi/pulumi and the provider SDKs that stack uses.
 * The difference is what the program and the planner cost on top of loading the SDKs.
 *
 *   npm run bench            (5 runs each; BENCH_RUNS=n to change)
 */
import { spawnSync } from "child_process";
import Table from "cli-table3";
import * as os from "os";
import * as path from "path";
import { planStack } from "../planner/plan";
import { PROJECT_ROOT, referenceStacks } from "../planner/stackFiles";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = path.join(PROJECT_ROOT, "bin", "dalp-ha.js");

function timeProcess(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const table = new Table({ head: ["stack", "resources", "SDKs loaded", `plan, median of ${RUNS} (ms)`, `load SDKs only, median of ${RUNS} (ms)`, "program + planner (ms)"], style: { head: [], border: [] } });
  for (const stack of referenceStacks()) {
    const plan = await planStack({ stack });
    const sdks = ["@pulumi/pulumi", ...new Set(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => `@pulumi/${r.type.split(":")[2]}`))];
    const load = `${sdks.map((m) => `require(${JSON.stringify(m)})`).join(";")}`;
    const planMs = median(Array.from({ length: RUNS }, () => timeProcess([BIN, "plan", stack])));
    const loadMs = median(Array.from({ length: RUNS }, () => timeProcess(["-e", load])));
    table.push([stack, String(plan.resources.filter((r) => r.custom).length), sdks.map((s) => s.replace("@pulumi/", "")).join(", "), planMs.toFixed(0), loadMs.toFixed(0), (planMs - loadMs).toFixed(0)]);
  }
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(table.toString());
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
