import type { CommandContext } from "./command.ts";

/**
 * Prints a command's result in the mode the global flags ask for: the
 * operation's result as one JSON value (`--json`), the ids one per line
 * (`--quiet`), or the human view.
 */
export function respond(ctx: CommandContext, result: unknown, ids: () => string[], human: () => void): void {
  if (ctx.global.json) ctx.out.json(result);
  else if (ctx.global.quiet) for (const id of ids()) ctx.out.line(id);
  else human();
}
