/**
 * Prints, for each reference stack, the two figures the project holds itself to, each as a median of whole
 * `dalp-ha` processes beside the median time a bare Node process takes to load @pulumi/pulumi and the
 * provider SDKs that stack uses:
 *
 * - planning one stack (`dalp-ha plan STACK`), against loading its SDKs (target: at most 2x);
 * - each extra stack of a `dalp-ha check` run, (`check STACK x EXTRA+1` - `check STACK`) / EXTRA, against the
 *   same SDK load (target: at most 0.5x): what `check --all` pays per stack once the SDKs are in;
 * - per cloud, each stack of a `dalp-ha compare --cloud C` run beyond the first, (`compare --cloud C` - `cost`
 *   of its first stack) / (stacks - 1), against that cloud's SDK load (same target): `cost` pays the plan and the
 *   price books' loading that every compare pays once.
 *
 *   npm run bench            (5 runs each; BENCH_RUNS=n, BENCH_EXTRA=n to change)
 */
import { spawnSync } from "child_process";
import Table from "cli-table3";
import * as os from "os";
import * as path from "path";
import { planStack } from "../planner/plan";
import { PROJECT_ROOT, referenceStacks } from "../planner/stackFiles";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EXTRA = Number(process.env.BENCH_EXTRA ?? 3);
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

const timed = (args: string[]) => median(Array.from({ length: RUNS }, () => timeProcess(args)));

async function main() {
  const table = new Table({
    head: ["stack", "resources", "SDKs loaded", "load SDKs (ms)", "plan (ms)", "plan / load", `extra stack in check (ms)`, "extra / load"],
    style: { head: [], border: [] },
  });
  for (const stack of referenceStacks()) {
    const plan = await planStack({ stack });
    const sdks = ["@pulumi/pulumi", ...new Set(plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => `@pulumi/${r.type.split(":")[2]}`))];
    const loadMs = timed(["-e", sdks.map((m) => `require(${JSON.stringify(m)})`).join(";")]);
    const planMs = timed([BIN, "plan", stack]);
    const checkOne = timed([BIN, "check", stack]);
    const checkMany = timed([BIN, "check", ...Array.from({ length: EXTRA + 1 }, () => stack)]);
    const extraMs = (checkMany - checkOne) / EXTRA;
    table.push([
      stack,
      String(plan.resources.filter((r) => r.custom).length),
      sdks.map((s) => s.replace("@pulumi/", "")).join(", "),
      loadMs.toFixed(0),
      planMs.toFixed(0),
      `${(planMs / loadMs).toFixed(2)}x`,
      extraMs.toFixed(0),
      `${(extraMs / loadMs).toFixed(2)}x`,
    ]);
  }
  const compare = new Table({ head: ["cloud", "stacks", "load SDKs (ms)", "cost of first (ms)", "compare (ms)", "per further stack (ms)", "further / load"], style: { head: [], border: [] } });
  for (const cloud of ["aws", "azure", "gcp"]) {
    const stacks = referenceStacks().filter((s) => s.startsWith(`${cloud}-`));
    const sdks = ["@pulumi/pulumi", `@pulumi/${cloud === "azure" ? "azure-native" : cloud}`, "@pulumi/kubernetes", "@pulumi/random"];
    const loadMs = timed(["-e", sdks.map((m) => `require(${JSON.stringify(m)})`).join(";")]);
    const firstMs = timed([BIN, "cost", stacks[0]]);
    const compareMs = timed([BIN, "compare", "--cloud", cloud]);
    const perMs = (compareMs - firstMs) / Math.max(1, stacks.length - 1);
    compare.push([cloud, String(stacks.length), loadMs.toFixed(0), firstMs.toFixed(0), compareMs.toFixed(0), perMs.toFixed(0), `${(perMs / loadMs).toFixed(2)}x`]);
  }
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${new Date().toISOString().slice(0, 10)}, median of ${RUNS} processes`);
  console.log(table.toString());
  console.log(compare.toString());
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
