import { findDaemon } from "../../daemon/mod.ts";
import { resolveDbPath } from "../../store/mod.ts";
import type { TrackerStatus } from "../../tracker/mod.ts";
import type { CommandSpec } from "../command.ts";
import { invoke } from "../invoke.ts";
import { stateLabel } from "../render/cells.ts";
import { respond } from "../respond.ts";

/** `maestro status`: the daemon (when one is live) and counts from the database (inventory §1.8). */
export const statusCommand: CommandSpec = {
  name: "status",
  summary: "Show the daemon (if running) and count projects, epics and issues by state",
  async run(ctx) {
    const dbPath = resolveDbPath(ctx.runtime, ctx.global.db);
    const live = findDaemon(ctx.runtime, dbPath);
    const counts = await invoke<TrackerStatus>(ctx, "get_status", {});
    const daemon = live ? { pid: live.pid, url: live.url, version: live.version, started_at: live.started_at } : null;
    respond(ctx, { ...counts, db_path: dbPath, daemon }, () => [], () => {
      ctx.out.line("Maestro Status");
      ctx.out.line("==============");
      ctx.out.fields([
        ["Database", dbPath],
        ["Daemon", daemon ? `running, pid ${daemon.pid}, ${daemon.url} (since ${daemon.started_at})` : "not running (start it with: maestro run)"],
        ["Projects", counts.projects],
        ["Epics", counts.epics],
        ["Total Issues", counts.total],
        ...Object.entries(counts.issues).map(([state, n]): [string, number] => [`  ${stateLabel(state)}`, n]),
      ]);
    });
  },
};
