import type { CommandSpec } from "../command.ts";
import { invoke } from "../invoke.ts";
import { requireDaemon } from "../no-daemon.ts";
import type { SessionView } from "../../orchestrator/mod.ts";
import { printSession, printSessionTable } from "../render/session.ts";
import { respond } from "../respond.ts";

/** `maestro sessions [IDENT]`: the live daemon's agent sessions, or one issue's with its transcript (inventory §1.8). */
export const sessionsCommand: CommandSpec = {
  name: "sessions",
  summary: "List live agent sessions, or show one issue's session with its transcript",
  details: "Needs the daemon (maestro run). With an issue, shows its live session, else the last one it recorded.",
  args: [{ name: "identifier", description: "issue identifier (DEMO-3) to show with its transcript" }],
  async run(ctx) {
    const identifier = ctx.args.identifier;
    const now = Date.now();
    if (typeof identifier === "string") {
      requireDaemon(ctx, `Cannot show the session of "${identifier}"`);
      const one = await invoke<{ issue: string; source: string; session: SessionView }>(ctx, "list_sessions", { identifier });
      return respond(ctx, one, () => [one.issue], () => printSession(ctx.out, one.session, one.source, now));
    }
    requireDaemon(ctx, "Cannot list sessions");
    const all = await invoke<{ sessions: Record<string, SessionView> }>(ctx, "list_sessions", {});
    const sessions = Object.values(all.sessions);
    respond(ctx, all, () => Object.keys(all.sessions), () => {
      if (sessions.length === 0) ctx.out.line("No live sessions");
      else printSessionTable(ctx.out, sessions, now);
    });
  },
};
