/**
 * The command-line interface (DESIGN.md: cli/; inventory §1): parses argv
 * against the command tree, runs the command, prints results and maps every
 * failure to one stderr line and an exit code (lib/cli/exit-code.ts). Never
 * prints a stack trace. Commands reach the tracker only through `invoke`,
 * which sends `{op, input}` to an OperationClient: the live daemon for the
 * database when there is one, else the database in-process (opened once per
 * command and closed before exit).
 */
import type { Runtime } from "../runtime/mod.ts";
import type { CommandContext } from "./command.ts";
import { describeFailure, EXIT_OK, EXIT_USAGE } from "./exit-code.ts";
import { renderHelp } from "./help.ts";
import { parseArgs } from "./parse.ts";
import { createPrinter } from "./printer.ts";
import { createClient } from "./session.ts";
import { rootCommand } from "./tree.ts";

/** The command tree (every command, flag and help text); scripts/cli-reference.ts renders it into README.md. */
export { rootCommand } from "./tree.ts";

/** Runs one command line; resolves to the process exit code. */
export async function main(runtime: Runtime, argv: string[]): Promise<number> {
  const out = createPrinter(runtime.stdout);
  // `maestro help issue create` is `maestro issue create --help`.
  const words = argv[0] === "help" ? [...argv.slice(1), "--help"] : argv;
  let client: CommandContext["client"] | undefined;
  try {
    const parsed = parseArgs(rootCommand, words);
    const cmd = parsed.chain[parsed.chain.length - 1]!;
    if (parsed.flags.help) {
      runtime.stdout.write(renderHelp(parsed.chain));
      return EXIT_OK;
    }
    const path = parsed.chain.map((c) => c.name).join(" ");
    if (!cmd.run) {
      runtime.stderr.write(renderHelp(parsed.chain));
      runtime.stderr.write(`\nmaestro: Missing command for "${path}" (pick one from the list above)\n`);
      return EXIT_USAGE;
    }
    const db = parsed.flags.db;
    const apiUrl = parsed.flags["api-url"];
    client = createClient(runtime, {
      dbFlag: typeof db === "string" ? db : undefined,
      apiUrl: typeof apiUrl === "string" ? apiUrl : undefined,
      oneShot: !cmd.longRunning,
    });
    const ctx: CommandContext = {
      runtime,
      path,
      args: parsed.args,
      flags: parsed.flags,
      global: {
        db: typeof db === "string" ? db : undefined,
        json: parsed.flags.json === true,
        quiet: parsed.flags.quiet === true,
        wide: parsed.flags.wide === true,
      },
      out,
      client,
    };
    const code = await cmd.run(ctx);
    client.close();
    return code ?? EXIT_OK;
  } catch (err) {
    try {
      client?.close();
    } catch {
      // The command's own failure is the one worth reporting.
    }
    const { code, line } = describeFailure(err);
    runtime.stderr.write(`maestro: ${line}\n`);
    return code;
  }
}
