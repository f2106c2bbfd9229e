/**
 * The daemon (DESIGN.md: daemon/): `maestro run` wiring, the discovery file
 * next to the database, graceful shutdown. The CLI imports this module for
 * discovery only; the daemon itself is loaded on demand so one-shot commands
 * do not evaluate the HTTP server and its dependencies.
 */
import type { Runtime } from "../runtime/mod.ts";
import type { DaemonOptions } from "./run.ts";
import type { ProjectRow, WorkflowHealth } from "./workflows.ts";

export { type Discovery, discoveryPath, findDaemon } from "./discovery.ts";
export type { ProjectRow, WorkflowHealth } from "./workflows.ts";
export type { DaemonOptions } from "./run.ts";

/**
 * Runs the daemon until SIGINT/SIGTERM; resolves to the exit code. Throws a
 * MaestroError when another daemon serves the database, the port is taken,
 * or the database cannot be opened.
 */
export async function runDaemon(runtime: Runtime, opts: DaemonOptions): Promise<number> {
  const { runDaemon: run } = await import("./run.ts");
  return await run(runtime, opts);
}

/**
 * Each project's WORKFLOW.md health, read once (the daemon keeps a monitor
 * that reloads on change and keeps the last good version). Loaded on demand:
 * yaml and eta are no cost of the commands that do not look.
 */
export async function workflowHealth(runtime: Runtime, projects: readonly ProjectRow[]): Promise<WorkflowHealth[]> {
  const { createWorkflowMonitor } = await import("./workflows.ts");
  return createWorkflowMonitor({ runtime }).check(projects);
}
