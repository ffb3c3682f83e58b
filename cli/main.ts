import { Command, CommanderError } from "commander";
import { StateFileError } from "../checker/fromStackExport";
import { PolicyConfigError } from "../checker/policyConfigError";
import { diagramCommand } from "../diagram/command";
import { drillRecordCommand } from "../drill/command";
import { runbookCommand } from "../runbook/command";
import { ConfigError } from "../config/errors";
import { StackFileError } from "../planner/stackFiles";
import { compareCommand, DEFAULT_HOURLY_RATE } from "../compare/command";
import { costCommand, COST_INPUT_ERRORS } from "../cost/command";
import { checkCommand } from "./check";
import { diffCommand } from "./diff";
import { EXIT, exitCodesHelp, UsageError } from "./exitCodes";
import { DEFAULT_STACK, planCommand } from "./plan";

/** What a command concluded when it ended without an error: a failed check still returns normally. */
export interface Outcome {
  code: number;
}

/** Builds the `dalp-ha` command line; `out` and `err` are injectable so tests can run it in-process. */
export function buildCli(out: (text: string) => void, err: (text: string) => void, outcome: Outcome = { code: EXIT.ok }): Command {
  const program = new Command("dalp-ha")
    .description("Plan, check and price DALP high-availability stacks offline, without a cloud account")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => err(s.trimEnd()) })
    .addHelpText("after", exitCodesHelp("the command's finding: check, a mandatory violation; diff, a change that stops pulumi up (a protected resource replaced or deleted, an update the provider refuses, a database created to be promoted) (plan never exits 1)"));

  program
    .command("plan")
    .description("run the Pulumi program under mocks and show every resource it declares, grouped by component")
    .argument("[stack]", `reference stack to plan (a Pulumi.<stack>.yaml in the project)`, undefined)
    .option("--config <file>", "plan this stack file instead of a reference stack")
    .option("--json <file>", "also write the planned graph as `pulumi stack export` JSON")
    .addHelpText("after", `\nWith no STACK, plans ${DEFAULT_STACK}.\n${exitCodesHelp()}`)
    .action((stack: string | undefined, options: { config?: string; json?: string }) => planCommand(stack, options, out));

  program
    .command("check")
    .description("run the policy pack's readiness rules on planned stacks or on a `pulumi stack export`")
    .argument("[stacks...]", "reference stacks to plan and check")
    .option("--all", "check every reference stack")
    .option("--config <file>", "plan and check this stack file")
    .option("--state <file>", "check a `pulumi stack export` JSON file (also what `dalp-ha plan --json` writes)")
    .option("--format <format>", "text, json or sarif", "text")
    .option("--policy-config <file>", "policy configuration, as for `pulumi preview --policy-pack-config`")
    .addHelpText("after", exitCodesHelp("mandatory violations"))
    .action(async (stacks: string[], options: { all?: boolean; config?: string; state?: string; format: string; policyConfig?: string }) => {
      if (await checkCommand(stacks, options, out)) outcome.code = EXIT.failed;
    });

  program
    .command("diff")
    .description("show what `pulumi preview --diff` would do to a stack: same, update, replace, create or delete per resource")
    .argument("[stack]", "reference stack whose configuration to apply (a Pulumi.<stack>.yaml in the project)")
    .option("--state <file>", "the stack's `pulumi stack export` JSON (or what `dalp-ha plan --json` wrote)")
    .option("--config <file>", "apply this stack file instead of a reference stack")
    .option("--format <format>", "text or json", "text")
    .addHelpText("after", exitCodesHelp("a change that stops pulumi up: a protected resource replaced or deleted, an update the provider refuses, or a database created to be promoted"))
    .action(async (stack: string | undefined, options: { state?: string; config?: string; format: string }) => {
      if (await diffCommand(stack, options, out)) outcome.code = EXIT.failed;
    });

  program
    .command("diagram")
    .description("print the stack's planned architecture as a Mermaid flowchart: regions, clusters, data services, replication and traffic")
    .argument("[stack]", "reference stack (a Pulumi.<stack>.yaml in the project)")
    .option("--config <file>", "use this stack file instead of a reference stack")
    .addHelpText("after", exitCodesHelp())
    .action((stack: string | undefined, options: { config?: string }) => diagramCommand(stack, options, out));

  program
    .command("drill-record")
    .description("write the evidence form of the stack's running restore drill: the values the stack knows, and the commands that read the rest")
    .argument("[stack]", "reference stack (a Pulumi.<stack>.yaml in the project)")
    .option("--config <file>", "use this stack file instead of a reference stack")
    .option("--format <format>", "markdown or json", "markdown")
    .addHelpText("after", exitCodesHelp())
    .action((stack: string | undefined, options: { config?: string; format: string }) => drillRecordCommand(stack, options, out));

  program
    .command("cost")
    .description("price a stack per month from its planned graph, a state or a `pulumi preview --json`, or what a change adds (--diff OLD NEW)")
    .argument("[stacks...]", "reference stack to price (with --diff: OLD and NEW, each a reference stack, stack file, state export or preview)")
    .option("--config <file>", "plan and price this stack file")
    .option("--state <file>", "price a `pulumi stack export` JSON file (also what `dalp-ha plan --json` writes)")
    .option("--preview <file>", "price the result of a `pulumi preview --json --show-sames` and what it changes per month")
    .option("--diff", "compare two stacks: what NEW costs per month more than OLD")
    .option("--usage <file>", "monthly usage figures (stored GB, transfer, queries); defaults in cost/usage.defaults.yaml")
    .option("--format <format>", "table or json", "table")
    .addHelpText("after", exitCodesHelp())
    .action((stacks: string[], options: { config?: string; state?: string; preview?: string; diff?: boolean; usage?: string; format: string }) => costCommand(stacks, options, out));

  program
    .command("compare")
    .description("every reference stack side by side: monthly cloud cost, setup and operating effort, predicted RTO/RPO per failure, what it survives, deploy time")
    .option("--cloud <cloud>", "only this cloud's stacks: aws, azure or gcp")
    .option("--region <region>", "price each stack of this region's cloud at this region's prices")
    .option("--format <format>", "table, json, markdown or html", "table")
    .option("--out <file>", "write to this file instead of standard output")
    .option("--usage <file>", "monthly usage figures for the cost (defaults in cost/usage.defaults.yaml)")
    .option("--hourly-rate <usd>", "what an hour of people effort costs", String(DEFAULT_HOURLY_RATE))
    .addHelpText("after", exitCodesHelp())
    .action((options: { cloud?: string; region?: string; format: string; out?: string; usage?: string; hourlyRate: string }) => compareCommand(options, out));

  program
    .command("runbook")
    .description("print the stack's failover procedure: each step with its resources, commands, owner, stop condition and evidence")
    .argument("[stack]", "reference stack (a Pulumi.<stack>.yaml in the project)")
    .option("--config <file>", "use this stack file instead of a reference stack")
    .option("--failover-to <region>", "the region to fail over to (default: the standby)")
    .option("--format <format>", "text, markdown or json", "text")
    .addHelpText("after", exitCodesHelp())
    .action((stack: string | undefined, options: { config?: string; failoverTo?: string; format: string }) => runbookCommand(stack, options, out));

  return program;
}

/** Runs the CLI and returns the exit code; expected failures print a message, never a stack trace. */
export async function run(argv: string[], out = (t: string) => console.log(t), err = (t: string) => console.error(t)): Promise<number> {
  const outcome: Outcome = { code: EXIT.ok };
  const program = buildCli(out, err, outcome);
  try {
    await program.parseAsync(argv);
    return outcome.code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof ConfigError) {
      err(e.message);
      return EXIT.invalidConfig;
    }
    if (e instanceof UsageError || e instanceof StackFileError || e instanceof PolicyConfigError || e instanceof StateFileError || (e instanceof Error && COST_INPUT_ERRORS.has(e.name))) {
      err(`dalp-ha: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
