/**
 * The command-line interface: parses argv against the command tree, runs the
 * command, prints results and maps every failure to one stderr line and an
 * exit code (lib/cli/exit-code.ts). Never prints a stack trace.
 */
import type { Runtime } from "../runtime/mod.ts";
import type { CommandContext } from "./command.ts";
import { describeFailure, EXIT_OK, EXIT_USAGE } from "./exit-code.ts";
import { renderHelp } from "./help.ts";
import { parseArgs } from "./parse.ts";
import { createPrinter } from "./printer.ts";
import { rootCommand } from "./tree.ts";

export { rootCommand } from "./tree.ts";

/** Runs one command line; resolves to the process exit code. */
export async function main(runtime: Runtime, argv: string[]): Promise<number> {
  const out = createPrinter(runtime.stdout);
  try {
    const parsed = parseArgs(rootCommand, argv);
    const cmd = parsed.chain[parsed.chain.length - 1]!;
    if (parsed.flags.help || (argv.length > 0 && argv[0] === "help")) {
      runtime.stdout.write(renderHelp(parsed.chain));
      return EXIT_OK;
    }
    if (!cmd.run) {
      runtime.stderr.write(renderHelp(parsed.chain));
      runtime.stderr.write(`\nA command is required (see the list above)\n`);
      return EXIT_USAGE;
    }
    const ctx: CommandContext = {
      runtime,
      path: parsed.chain.map((c) => c.name).join(" "),
      args: parsed.args,
      flags: parsed.flags,
      global: {
        db: parsed.flags.db as string | undefined,
        json: parsed.flags.json === true,
        quiet: parsed.flags.quiet === true,
        wide: parsed.flags.wide === true,
      },
      out,
    };
    const code = await cmd.run(ctx);
    return code ?? EXIT_OK;
  } catch (err) {
    const { code, line } = describeFailure(err);
    runtime.stderr.write(`maestro: ${line}\n`);
    return code;
  }
}
