import { conflict, invalidInput, MaestroError, unavailable } from "../errors.ts";
import { createEventBus, createRuntimeLog, ReadCache } from "../events/mod.ts";
import { createHttpApp, refusePrivate } from "../http/mod.ts";
import { createMcpEndpoint } from "../mcp/mod.ts";
import { Orchestrator } from "../orchestrator/mod.ts";
import type { HttpServer, Runtime } from "../runtime/mod.ts";
import { dirName, joinPath } from "../runtime/mod.ts";
import { describeRecovery, openStore, resolveDbPath, type Store } from "../store/mod.ts";
import { createTracker } from "../tracker/mod.ts";
import { seedDemo } from "./demo.ts";
import { findDaemon, publishDiscovery, withdrawDiscovery } from "./discovery.ts";
import { createWorkflowMonitor } from "./workflows.ts";
import { allowedHostHeaders, isLoopbackHost, newToken } from "./tokens.ts";

export interface DaemonOptions {
  db: string | undefined;
  host: string;
  port: number;
  /** Required off loopback; generated (and printed once) when not given. */
  token?: string;
  repoPath?: string;
  /** `--workflow PATH`: this WORKFLOW.md for every project instead of each project's own. */
  workflow?: string;
  /** `--max-agents N`: agents running at once across all projects. */
  maxAgents?: number;
  /** `--demo`: seed a demo repository and project next to the database, run by the fake agent. */
  demo?: boolean;
}

/** How often the daemon looks at the WORKFLOW.md files for edits (the orchestrator will also look before each dispatch). */
const WORKFLOW_CHECK_MS = 2000;

/** How long shutdown lets in-flight requests finish before closing connections. */
const SHUTDOWN_GRACE_MS = 3000;

function listenError(err: unknown, host: string, port: number): MaestroError {
  const code = (err as { code?: string }).code;
  if (code === "EADDRINUSE") return conflict(`Cannot listen on ${host}:${port}: the address is in use`, "pass --port N, or --port 0 to pick a free port");
  if (code === "EACCES") return unavailable(`Cannot listen on ${host}:${port}: permission denied`, "use a port above 1023");
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return invalidInput(`Cannot listen on ${host}: no such local address`, "pass --host 127.0.0.1");
  return unavailable(`Cannot listen on ${host}:${port}: ${(err as Error).message}`);
}

/**
 * `maestro run`: owns the database, serves the HTTP API, dashboard and
 * WebSocket stream, publishes discovery, and shuts down cleanly on
 * SIGINT/SIGTERM (stop accepting, finish in-flight requests, fold the
 * journal, withdraw discovery). Resolves to the exit code.
 */
export async function runDaemon(runtime: Runtime, opts: DaemonOptions): Promise<number> {
  const dbPath = resolveDbPath(runtime, opts.db);
  const live = findDaemon(runtime, dbPath, true);
  if (live) {
    throw conflict(`A Maestro daemon is already running for "${dbPath}": pid ${live.pid} at ${live.url}`, "stop it first, or pass another --db");
  }
  if (opts.workflow !== undefined && !runtime.fs.stat(opts.workflow)?.isFile) {
    throw invalidInput(`Cannot use --workflow "${opts.workflow}": no such file`, "pass the path of a WORKFLOW.md, or leave it out to use each project's own");
  }
  const loopback = isLoopbackHost(opts.host);
  const apiToken = loopback ? undefined : opts.token ?? newToken();

  const store: Store = await openStore({ runtime, path: dbPath, lockWaitMs: 5000, compactIdleMs: 30_000 });
  // Damage found in the journal is news for whoever started the daemon, as it is for a CLI user.
  if (store.recovery.droppedBytes > 0) runtime.stderr.write(`maestro: warning: ${describeRecovery(dbPath, store.recovery)}\n`);
  // Runtime events outlive the daemon: the ring and seq start from the table, each tick's events are one write.
  const bus = createEventBus({
    log: createRuntimeLog(store),
    onLogError: (err, lost) => {
      const why = err instanceof MaestroError ? err.line : (err as Error).message;
      runtime.stderr.write(`maestro: ${lost} runtime event(s) were not saved: ${why}\n`);
    },
  });
  let server: HttpServer | undefined;
  let mcpServer: HttpServer | undefined;
  let stopTimers = () => {};
  let orchestrator: Orchestrator | undefined;
  try {
    const tracker = createTracker({
      store,
      files: runtime.fs,
      assetsDir: joinPath(dirName(dbPath), "assets"),
      onChange: (events) => {
        bus.publishChanges(events);
        for (const e of events) {
          // Starting and stopping a project is operational news: it belongs in the runtime event log too.
          if (e.entity_type === "project" && e.action === "state_changed") {
            const kind = e.payload.state === "running" ? "project_started" : "project_stopped";
            bus.publishRuntime(kind, { message: `project "${String(e.payload.name)}"`, payload: { project_id: e.entity_id } });
          }
        }
      },
    });
    const monitor = createWorkflowMonitor({
      runtime,
      override: opts.workflow,
      onEvent: (kind, message, payload) => {
        bus.publishRuntime(kind, { message, payload });
        // A fixed or edited WORKFLOW.md may make work runnable (or change its limits) now.
        if (kind !== "workflow_invalid") orchestrator?.wake();
      },
    });
    const checkWorkflows = () => monitor.check(tracker.projectRows());
    checkWorkflows();
    orchestrator = new Orchestrator({
      runtime,
      tracker,
      bus,
      dbPath,
      maxAgents: opts.maxAgents,
      // A project created a moment ago has not been looked at yet: look now rather than at the next check.
      // One whose file is missing or broken waits for the next check (a pass asks once per runnable issue).
      workflowFor: (projectId) => monitor.workflowFor(projectId) ?? (monitor.knows(projectId) ? undefined : (checkWorkflows(), monitor.workflowFor(projectId))),
      onError: (err, context) => runtime.stderr.write(`maestro: ${context} failed: ${(err as Error)?.message ?? String(err)}\n`),
    });
    const workflowTimer = setInterval(() => {
      try {
        checkWorkflows();
      } catch (err) {
        runtime.stderr.write(`maestro: checking WORKFLOW.md files failed: ${(err as Error).message}\n`);
      }
    }, WORKFLOW_CHECK_MS);
    stopTimers = () => clearInterval(workflowTimer);
    const startedAt = new Date().toISOString();
    const opsToken = newToken();
    const hosts: string[] = [];
    const info = { version: MAESTRO_VERSION, pid: runtime.pid, db_path: dbPath, started_at: startedAt };
    const app = createHttpApp({
      tracker,
      bus,
      info,
      apiToken,
      opsToken,
      allowedHosts: hosts,
      workflows: checkWorkflows,
      orchestrator,
    });
    try {
      server = await runtime.serve({ hostname: opts.host, port: opts.port, fetch: app.fetch, upgrade: app.upgrade });
    } catch (err) {
      throw listenError(err, opts.host, opts.port);
    }
    hosts.push(...allowedHostHeaders(opts.host, server.port));
    // The MCP endpoint is private: loopback, a port of its own, a token only the discovery file holds.
    const mcpToken = newToken();
    const mcpReads = new ReadCache<string>((text) => text.length);
    bus.subscribe((n) => n.kind !== "live" && mcpReads.clear());
    const mcpHosts: string[] = [];
    const mcp = await createMcpEndpoint({
      tracker,
      info,
      runtimeEvents: (since, limit) => bus.runtimeSince(since, limit),
      readCache: mcpReads,
      orchestrator,
      refuse: (req) => refusePrivate(req, mcpToken, mcpHosts, "MCP token"),
    });
    mcpServer = await runtime.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => mcp.fetch(req) });
    mcpHosts.push(...allowedHostHeaders("127.0.0.1", mcpServer.port));
    publishDiscovery(runtime, {
      pid: runtime.pid,
      url: server.url,
      token: opsToken,
      version: MAESTRO_VERSION,
      started_at: startedAt,
      db_path: dbPath,
      mcp_url: `${mcpServer.url}/mcp`,
      mcp_token: mcpToken,
    });
    bus.publishRuntime("daemon_started", { message: server.url });

    // The token line comes first: the banner is the "ready" signal scripts wait for.
    if (apiToken && !opts.token) runtime.stdout.write(`API token: ${apiToken} (shown once; every request must send it as a bearer token)\n`);
    runtime.stdout.write(`Maestro ${MAESTRO_VERSION} · dashboard ${server.url} · db ${dbPath}\n`);
    for (const p of tracker.projectRows().filter((p) => p.state === "stopped")) {
      runtime.stdout.write(`Project "${p.name}" is stopped; start it with: maestro project start ${p.id}\n`);
    }
    if (opts.demo) {
      const repo = await seedDemo(runtime, tracker, dirName(dbPath));
      checkWorkflows();
      runtime.stdout.write(`Demo: a fake agent works through project "Demo" (${repo}); watch it at ${server.url}\n`);
      runtime.stdout.write(`DEMO-3 waits for your approval: in the dashboard, or: maestro interrupts --db ${dbPath}\n`);
    }
    orchestrator.start();

    await waitForSignal(runtime);
    runtime.stdout.write("Shutting down\n");
    // Running agents first: their sessions are recorded as resumable while the store is still open.
    await orchestrator.stop();
    await Promise.all([server.shutdown(SHUTDOWN_GRACE_MS), mcpServer.shutdown(SHUTDOWN_GRACE_MS)]);
    server = mcpServer = undefined;
    return 0;
  } finally {
    stopTimers();
    await orchestrator?.stop().catch(() => {});
    if (server) await server.shutdown(0).catch(() => {});
    if (mcpServer) await mcpServer.shutdown(0).catch(() => {});
    withdrawDiscovery(runtime, dbPath);
    bus.flush();
    store.close();
  }
}

function waitForSignal(runtime: Runtime): Promise<void> {
  return new Promise((resolve) => {
    const offs = (["SIGINT", "SIGTERM"] as const).map((s) => runtime.onSignal(s, () => {
      for (const off of offs) off();
      resolve();
    }));
  });
}
