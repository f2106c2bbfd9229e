import { type Discovery, findDaemon, type ProjectRow, type WorkflowHealth, workflowHealth } from "../../daemon/mod.ts";
import { resolveDbPath } from "../../store/mod.ts";
import type { Page, TrackerStatus } from "../../tracker/mod.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { isMaestroError } from "../../errors.ts";
import { invoke } from "../invoke.ts";
import { stateLabel } from "../render/cells.ts";
import type { RuntimeSnapshot } from "../../orchestrator/mod.ts";
import { printRuntimeStatus } from "../render/runtime-status.ts";
import { respond } from "../respond.ts";

/**
 * The live daemon's view (it knows `run --workflow` and keeps the last good
 * version), else each project's file read now.
 */
async function workflows(ctx: CommandContext, live: Discovery | undefined): Promise<WorkflowHealth[]> {
  if (live) {
    try {
      const res = await fetch(`${live.url}/api/v1/state`, { headers: { authorization: `Bearer ${live.token}` } });
      if (res.ok) return ((await res.json()) as { workflows?: WorkflowHealth[] }).workflows ?? [];
    } catch {
      // The daemon went away between discovery and now: read the files ourselves.
    }
  }
  const projects = await invoke<Page<ProjectRow>>(ctx, "list_projects", { limit: 500 });
  return await workflowHealth(ctx.runtime, projects.items);
}

function workflowLine(w: WorkflowHealth): string {
  if (w.ok) return `ok (${w.path})${w.warnings.length > 0 ? `; ${w.warnings.length} warning(s): ${w.warnings.join("; ")}` : ""}`;
  return `${w.error}${w.in_use ? " (the last good version stays in use)" : ""}`;
}

/** The live daemon's orchestrator, or why there is none to show (a daemon without one answers unavailable). */
async function runtimeSnapshot(ctx: CommandContext, live: Discovery | undefined, dbPath: string): Promise<RuntimeSnapshot | string> {
  const start = `not running (start it with: maestro run --db ${dbPath})`;
  if (!live) return start;
  try {
    return await invoke<RuntimeSnapshot>(ctx, "get_runtime_snapshot", {});
  } catch (err) {
    if (isMaestroError(err) && err.code === "unavailable") return `not available: ${err.line}`;
    throw err;
  }
}

/** `maestro status`: the daemon (when one is live) with its orchestrator, and counts from the database (inventory §1.8). */
export const statusCommand: CommandSpec = {
  name: "status",
  summary: "Show the daemon, its running, retrying and paused work, and issue counts by state",
  async run(ctx) {
    const dbPath = resolveDbPath(ctx.runtime, ctx.global.db);
    const live = findDaemon(ctx.runtime, dbPath);
    const counts = await invoke<TrackerStatus>(ctx, "get_status", {});
    const daemon = live ? { pid: live.pid, url: live.url, version: live.version, started_at: live.started_at } : null;
    const health = await workflows(ctx, live);
    const runtime = await runtimeSnapshot(ctx, live, dbPath);
    const orchestrator = typeof runtime === "string" ? null : runtime;
    respond(ctx, { ...counts, db_path: dbPath, daemon, workflows: health, orchestrator }, () => [], () => {
      ctx.out.line("Maestro Status");
      ctx.out.line("==============");
      ctx.out.fields([
        ["Database", dbPath],
        ["Daemon", daemon ? `running, pid ${daemon.pid}, ${daemon.url} (since ${daemon.started_at})` : "not running (start it with: maestro run)"],
        ["Projects", counts.projects],
        ["Epics", counts.epics],
        ["Total Issues", counts.total],
        ...Object.entries(counts.issues).map(([state, n]): [string, number] => [`  ${stateLabel(state)}`, n]),
        ...health.map((w): [string, string] => [`Workflow ${w.project_name}`, workflowLine(w)]),
        ["Orchestrator", typeof runtime === "string" ? runtime : undefined],
      ]);
      if (orchestrator) printRuntimeStatus(ctx.out, orchestrator, Date.now());
    });
  },
};
