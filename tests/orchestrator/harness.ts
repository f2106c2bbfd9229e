/**
 * The orchestrator in process, over the real pieces: a journaled store and
 * tracker in a temp dir, the event bus, a real git repository with a
 * WORKFLOW.md, and `maestro fake-codex` (the built bundle) as codex.command.
 * Only time is ours: a manual clock drives retries, timeouts and schedules,
 * so no test sleeps for a backoff. Waiting for a process to answer uses real
 * time with a generous limit (never an assertion on how long it took).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Clock } from "../../lib/agent/mod.ts";
import { publishDiscovery } from "../../lib/daemon/discovery.ts";
import { createEventBus, type EventBus, type RuntimeEvent } from "../../lib/events/mod.ts";
import { createHttpApp } from "../../lib/http/mod.ts";
import { Orchestrator } from "../../lib/orchestrator/mod.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { openStore, type Store } from "../../lib/store/mod.ts";
import { createTracker, runOperation, type Tracker } from "../../lib/tracker/mod.ts";
import { loadWorkflow, type Workflow } from "../../lib/workflow/mod.ts";
import { bundlePath, tempDir } from "../helpers/bundle.ts";
import { initGitRepo } from "../helpers/fixtures.ts";

export const runtime = detectRuntime(import.meta.url);

/** Timers fire only when a test advances the clock. */
export class ManualClock implements Clock {
  #now: number;
  #timers: { at: number; fn: () => void; id: number }[] = [];
  #next = 0;
  constructor(start: number) {
    this.#now = start;
  }
  now = () => this.#now;
  setTimer = (ms: number, fn: () => void) => {
    const id = this.#next++;
    this.#timers.push({ at: this.#now + Math.max(0, ms), fn, id });
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id);
    };
  };
  /** Timers already due that nobody has fired: a component asking to be woken "now" again and again. */
  dueNow(): number {
    return this.#timers.filter((t) => t.at <= this.#now).length;
  }
  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const t = this.#timers[0];
      if (!t || t.at > end) break;
      this.#timers.shift();
      this.#now = t.at;
      t.fn();
    }
    this.#now = end;
  }
}

export interface WorkflowOptions {
  /** Front matter YAML lines after `codex.command` (indentation as in the file). */
  extra?: string;
  review?: boolean;
  done?: boolean;
  hooks?: Record<string, string>;
  dispatchMode?: "parallel" | "per_project_serial";
  maxConcurrent?: number;
  /** agent.max_concurrent_agents_by_state. */
  maxByState?: Record<string, number>;
  maxTurns?: number;
  maxRetries?: number;
  maxBackoffMs?: number;
  approvalPolicy?: string;
  stallTimeoutMs?: number;
  /** codex.turn_timeout_ms (large, for runs that outlive clock jumps of hours). */
  turnTimeoutMs?: number;
  command?: string;
  /** The prompt template (the body of WORKFLOW.md). */
  prompt?: string;
}

export interface Harness {
  dir: string;
  repo: string;
  wsRoot: string;
  dbPath: string;
  store: Store;
  tracker: Tracker;
  bus: EventBus;
  clock: ManualClock;
  orchestrator: Orchestrator;
  events: RuntimeEvent[];
  projectId: string;
  /** Runs a tracker operation by name, as every surface does. */
  op<T = any>(name: string, input?: unknown): T;
  /** Creates an issue in the project (state given, default ready). */
  issue(title: string, extra?: Record<string, unknown>): { id: string; identifier: string };
  /** Writes a fake-codex scenario and returns its path. */
  scenario(name: string, body: unknown): string;
  /** Rewrites WORKFLOW.md with these settings (reloaded before the next dispatch). */
  setWorkflow(opts: WorkflowOptions): void;
  /** Waits (real time, up to 20 s) until `pred` holds; throws with the events seen when it never does. */
  until(pred: () => boolean, what: string): Promise<void>;
  kinds(identifier?: string): string[];
  /** A new orchestrator over the same tracker and bus (a restarted daemon), not started; becomes `orchestrator`. */
  restart(): Orchestrator;
  close(): Promise<void>;
}

const START = Date.parse("2026-03-02T09:00:00.000Z");

/** A fake-codex command line running scenario `file`. */
export const fakeCommand = (file: string) => `'${process.execPath}' '${bundlePath}' fake-codex --scenario '${file}'`;

function workflowText(o: WorkflowOptions, wsRoot: string): string {
  const hooks = Object.entries(o.hooks ?? {}).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join("\n");
  return `---
codex:
  command: ${JSON.stringify(o.command ?? "")}
  approval_policy: ${o.approvalPolicy ?? "never"}
  stall_timeout_ms: ${o.stallTimeoutMs ?? 0}
${o.turnTimeoutMs === undefined ? "" : `  turn_timeout_ms: ${o.turnTimeoutMs}\n`}workspace:
  root: ${JSON.stringify(wsRoot)}
agent:
  max_turns: ${o.maxTurns ?? 1}
  max_concurrent_agents: ${o.maxConcurrent ?? 4}
  dispatch_mode: ${o.dispatchMode ?? "parallel"}
  max_automatic_retries: ${o.maxRetries ?? 8}
  max_retry_backoff_ms: ${o.maxBackoffMs ?? 60000}
${o.maxByState ? `  max_concurrent_agents_by_state: ${JSON.stringify(o.maxByState)}\n` : ""}${hooks ? `hooks:\n${hooks}\n  timeout_ms: 5000\n` : ""}phases:
  review:
    enabled: ${o.review ?? false}
  done:
    enabled: ${o.done ?? false}
${o.extra ?? ""}
---
${o.prompt ?? "Work on {{ issue.identifier }}: {{ issue.title }}"}
`;
}

export async function openHarness(opts: WorkflowOptions & { scenario?: unknown } = {}): Promise<Harness> {
  const { dir, cleanup } = tempDir("maestro-orch-");
  const repo = path.join(dir, "repo");
  const wsRoot = path.join(dir, "ws");
  initGitRepo(repo);

  const clock = new ManualClock(START);
  const dbPath = path.join(dir, "maestro.db");
  const store = await openStore({ runtime, path: dbPath });
  const bus = createEventBus({ now: () => new Date(clock.now()) });
  const tracker = createTracker({
    store,
    files: runtime.fs,
    assetsDir: path.join(dir, "assets"),
    now: () => new Date(clock.now()),
    onChange: (e) => bus.publishChanges(e),
  });
  const events: RuntimeEvent[] = [];
  bus.subscribe((n) => {
    if (n.kind === "runtime") events.push(...bus.runtimeSince(n.seq - 1, 1).events);
  });

  const scenario = (name: string, body: unknown) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const workflowPath = path.join(repo, "WORKFLOW.md");
  const setWorkflow = (o: WorkflowOptions) => {
    const command = o.command ?? opts.command ?? fakeCommand(scenario("scenario", opts.scenario ?? { steps: [{ message: "ok" }] }));
    fs.writeFileSync(workflowPath, workflowText({ ...opts, ...o, command }, wsRoot));
  };
  setWorkflow({});
  const load = (): Workflow => loadWorkflow(runtime.fs, workflowPath, { env: (n) => process.env[n], homeDir: dir });

  const op = <T>(name: string, input: unknown = {}) => runOperation(tracker, name, input) as T;
  const project = op<{ id: string }>("create_project", { name: "demo", repo_path: repo });
  op("set_project_state", { id: project.id, state: "running" });
  const errors: string[] = [];
  const newOrchestrator = () =>
    new Orchestrator({
      runtime,
      tracker,
      bus,
      dbPath,
      clock,
      workflowFor: () => load(),
      onError: (err, context) => errors.push(`${context}: ${(err as Error).message}`),
    });
  const orchestrator = newOrchestrator();

  // The agent moves its issue with the CLI, as a person could: the CLI finds this "daemon"
  // through the discovery file and sends its operation here, like to `maestro run`.
  const opsToken = "test-ops-token-0123456789";
  const hosts: string[] = [];
  const app = createHttpApp({
    tracker,
    bus,
    info: { version: "test", pid: process.pid, db_path: dbPath, started_at: new Date(START).toISOString() },
    opsToken,
    allowedHosts: hosts,
    orchestrator,
  });
  const server = await runtime.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch, upgrade: app.upgrade });
  hosts.push(`127.0.0.1:${server.port}`);
  publishDiscovery(runtime, { pid: process.pid, url: server.url, token: opsToken, version: "test", started_at: new Date(START).toISOString(), db_path: dbPath });

  const h: Harness = {
    dir,
    repo,
    wsRoot,
    dbPath,
    store,
    tracker,
    bus,
    clock,
    orchestrator,
    events,
    projectId: project.id,
    op,
    issue(title, extra = {}) {
      return op("create_issue", { project_id: project.id, title, state: "ready", ...extra });
    },
    scenario,
    setWorkflow(o) {
      setWorkflow(o);
    },
    async until(pred, what) {
      const deadline = Date.now() + 20_000;
      while (!pred()) {
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}; events: ${events.map((e) => `${e.kind}${e.identifier ? `(${e.identifier})` : ""}`).join(", ")}; errors: ${errors.join("; ")}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    kinds(identifier) {
      return events.filter((e) => identifier === undefined || e.identifier === identifier).map((e) => e.kind);
    },
    restart() {
      h.orchestrator = newOrchestrator();
      return h.orchestrator;
    },
    async close() {
      await h.orchestrator.stop();
      await server.shutdown(0);
      store.close();
      cleanup();
    },
  };
  return h;
}

/** `git show <branch>:<file>` in the harness repo, or undefined when absent. */
export function fileOnBranch(repo: string, branch: string, file: string): string | undefined {
  try {
    return execFileSync("git", ["show", `${branch}:${file}`], { cwd: repo, stdio: "pipe", encoding: "utf8" });
  } catch {
    return undefined;
  }
}

/** A shell line for a fake-codex command step: moves the running issue through the built CLI. */
export const moveIssueStep = (state: string) =>
  `'${process.execPath}' '${bundlePath}' issue move "$MAESTRO_ISSUE_IDENTIFIER" ${state} --db "$MAESTRO_DB" >/dev/null`;

/** Events of one kind (for one issue, when given), oldest first. */
export function eventsOf(h: Harness, kind: string, identifier?: string): RuntimeEvent[] {
  return h.events.filter((e) => e.kind === kind && (identifier === undefined || e.identifier === identifier));
}

/** Whether a process still runs (a zombie, killed but not yet reaped, counts as gone). */
export function isProcessRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Runs `body` over a fresh harness and closes it whatever happens. */
export async function withHarness(opts: Parameters<typeof openHarness>[0], body: (h: Harness) => Promise<void>): Promise<void> {
  const h = await openHarness(opts);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

/** A short real wait, to show that something does NOT happen (no run starts, no retry). */
export const settle = () => new Promise((r) => setTimeout(r, 150));
