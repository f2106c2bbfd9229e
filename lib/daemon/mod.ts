/**
 * The daemon (DESIGN.md: daemon/): `maestro run` wiring, the discovery file
 * next to the database, graceful shutdown. The CLI imports this module for
 * discovery only; the daemon itself is loaded on demand so one-shot commands
 * do not evaluate the HTTP server and its dependencies.
 */
import type { Runtime } from "../runtime/mod.ts";
import type { DaemonOptions } from "./run.ts";

export { type Discovery, discoveryPath, findDaemon } from "./discovery.ts";
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
