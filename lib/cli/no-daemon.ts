import { findDaemon } from "../daemon/mod.ts";
import { MaestroError } from "../errors.ts";
import { resolveDbPath } from "../store/mod.ts";
import type { CommandContext } from "./command.ts";

/**
 * A runtime command (sessions, retry, interrupts, ...) ran with no daemon
 * for its database: only the daemon's orchestrator knows runs. An
 * `unavailable` MaestroError that the CLI exits 4 for, as `mcp` does.
 */
export class NoDaemonError extends MaestroError {
  constructor(message: string, hint: string) {
    super("unavailable", message, hint);
  }
}

/**
 * Throws NoDaemonError unless a daemon is live for the database (or
 * `--api-url` names one). `action` starts the message, e.g. `Cannot retry "DEMO-1"`.
 */
export function requireDaemon(ctx: CommandContext, action: string): void {
  if (typeof ctx.flags["api-url"] === "string") return;
  const db = resolveDbPath(ctx.runtime, ctx.global.db);
  if (findDaemon(ctx.runtime, db)) return;
  throw new NoDaemonError(`${action}: no Maestro daemon is running for ${db}`, `start it with: maestro run --db ${db}`);
}
