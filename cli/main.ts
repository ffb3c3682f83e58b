import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/errors";
import { StackFileError } from "../planner/stackFiles";
import { EXIT, UsageError } from "./exitCodes";
import { DEFAULT_STACK, planCommand } from "./plan";

/** Builds the `dalp-ha` command line; `out` and `err` are injectable so tests can run it in-process. */
export function buildCli(out: (text: string) => void, err: (text: string) => void): Command {
  const program = new Command("dalp-ha")
    .description("Plan, check and price DALP high-availability stacks offline, without a cloud account")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => err(s.trimEnd()) });

  program
    .command("plan")
    .description("run the Pulumi program under mocks and show every resource it declares, grouped by component")
    .argument("[stack]", `reference stack to plan (a Pulumi.<stack>.yaml in the project)`, undefined)
    .option("--config <file>", "plan this stack file instead of a reference stack")
    .option("--json <file>", "also write the planned graph as `pulumi stack export` JSON")
    .addHelpText("after", `\nWith no STACK, plans ${DEFAULT_STACK}.`)
    .action((stack: string | undefined, options: { config?: string; json?: string }) => planCommand(stack, options, out));

  return program;
}

/** Runs the CLI and returns the exit code; expected failures print a message, never a stack trace. */
export async function run(argv: string[], out = (t: string) => console.log(t), err = (t: string) => console.error(t)): Promise<number> {
  const program = buildCli(out, err);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof ConfigError) {
      err(e.message);
      return EXIT.failed;
    }
    if (e instanceof UsageError || e instanceof StackFileError) {
      err(`dalp-ha: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
