// The MCP tool table: every tracker operation under its own name, plus the
// daemon-level tools of the reference (server_info, run/stop project, runtime
// views). Inputs go through the same zod schemas and parseInput as the CLI and
// HTTP, so a bad field reads the same on every surface.
import { z } from "zod";
import { isMaestroError, type MaestroError, unavailable } from "../errors.ts";
import { type Orchestrator, runRuntimeOperation, runtimeOperations } from "../orchestrator/mod.ts";
import { type Operation, operations, parseInput, runOperation, type Tracker } from "../tracker/mod.ts";

/** The daemon facts server_info and the runtime snapshot report. */
export interface DaemonInfo {
  version: string;
  pid: number;
  db_path: string;
  started_at: string;
}

/** What the daemon gives the tools. Runtime views stay absent until the orchestrator exists. */
export interface ToolDeps {
  tracker: Tracker;
  info: DaemonInfo;
  /** The orchestrator: its operations become tools; absent, those tools say it is not running. */
  orchestrator?: Orchestrator;
  /** The runtime event log (the daemon's event bus). */
  runtimeEvents?: (since: number, limit: number) => unknown;
  /**
   * Where answers of read-only tools are kept until the next change or
   * runtime event (the daemon clears it on every bus notice, as it does the
   * HTTP API's): agents ask the same list and issue again and again.
   */
  readCache?: KeptAnswers;
  now?: () => Date;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: false;
}

/** One tool as tools/list shows it. */
export interface ToolListing {
  name: string;
  description: string;
  inputSchema: { type: "object"; [key: string]: unknown };
  annotations: ToolAnnotations;
}

/** A tools/call answer: the JSON of the result, or the service's message as a tool error. */
export interface ToolResult {
  content: { type: "text"; text: string }[];
  isError?: boolean;
  [key: string]: unknown;
}

interface Tool {
  listing: ToolListing;
  /** Answers may be kept until the next bus notice: tracker reads only (runtime views change as agents stream). */
  cacheable: boolean;
  call(args: Record<string, unknown>): unknown;
}

/** The part of lib/events' ReadCache the tools use (the daemon passes one in). */
export interface KeptAnswers {
  readonly generation: number;
  get(key: string): string | undefined;
  set(key: string, text: string, generation: number): void;
}

/** The tools of one daemon and where their read answers are kept, if anywhere. */
export interface ToolSet {
  tools: Map<string, Tool>;
  cache?: KeptAnswers;
}

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const ADD: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const CHANGE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };

/**
 * readOnlyHint only where nothing is written (the reference marks writes
 * read-only so agents skip approval prompts; that lies to the client). A
 * create adds without overwriting; every other write may overwrite or
 * delete, and repeating it changes nothing more.
 */
function annotationsFor(op: Operation): ToolAnnotations {
  if (op.readOnly) return READ;
  return /^(create_|attach_)/.test(op.name) ? ADD : CHANGE;
}

function schemaOf(input: z.ZodObject): ToolListing["inputSchema"] {
  const { $schema: _drop, ...schema } = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, type: "object" };
}

/** List results the reference paginates: a `pagination` block tells the agent how to get the next page. */
const PAGED = new Set(["list_projects", "list_epics", "list_issues", "list_issue_comments"]);

interface PageLike {
  items: unknown[];
  total: number;
  limit: number;
  offset: number;
}

function isPage(value: unknown): value is PageLike {
  const v = value as PageLike;
  return typeof v === "object" && v !== null && Array.isArray(v.items) && typeof v.total === "number" &&
    typeof v.limit === "number" && typeof v.offset === "number";
}

function withPagination(tool: string, args: Record<string, unknown>, page: PageLike): unknown {
  const next = page.offset + page.items.length;
  const hasMore = next < page.total;
  return {
    ...page,
    pagination: hasMore
      ? {
        has_more: true,
        next_offset: next,
        next_request: { tool, arguments: { ...args, limit: page.limit, offset: next } },
        next_hint: "Call pagination.next_request to fetch the next batch",
      }
      : { has_more: false, next_offset: null, next_hint: "No more results" },
  };
}

const noInput = z.strictObject({});
const projectInput = z.strictObject({ id: z.string().min(1, "expected a project id or name") });
const eventsInput = z.strictObject({
  since: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

function orchestratorMissing(tool: string): MaestroError {
  return unavailable(
    `Orchestrator not running: ${tool} needs it`,
    "this daemon serves projects, epics, issues, comments and assets; runs, sessions and retries come with the orchestrator",
  );
}

/** The tools for one daemon, in listing order. */
export function createTools(deps: ToolDeps): ToolSet {
  const { tracker } = deps;
  const now = deps.now ?? (() => new Date());
  const tools = new Map<string, Tool>();
  const add = (name: string, description: string, input: z.ZodObject, annotations: ToolAnnotations, run: (i: never) => unknown) =>
    tools.set(name, {
      listing: { name, description, inputSchema: schemaOf(input), annotations },
      cacheable: false,
      call: (args) => run(parseInput(input, args) as never),
    });

  add("server_info", "The daemon serving this database: version, pid, database path, counts", noInput, READ, () => {
    const status = tracker.getStatus({});
    return { name: "maestro", ...deps.info, project_count: status.projects, issue_count: status.total, runtime_available: deps.orchestrator !== undefined };
  });
  for (const op of operations) {
    tools.set(op.name, {
      listing: { name: op.name, description: op.summary, inputSchema: schemaOf(op.input), annotations: annotationsFor(op) },
      cacheable: op.readOnly,
      call: (args) => {
        const result = runOperation(tracker, op.name, args);
        return PAGED.has(op.name) && isPage(result) ? withPagination(op.name, args, result) : result;
      },
    });
  }
  const setState = (id: string, state: "running" | "stopped") => {
    const project = runOperation(tracker, "set_project_state", { id, state }) as { id: string; name: string; state: string };
    return { project_id: project.id, project_name: project.name, state: project.state, requested_at: now().toISOString() };
  };
  add("run_project", "Start dispatch for a project (same as `maestro project start`)", projectInput, CHANGE,
    (i: z.output<typeof projectInput>) => ({ status: "accepted", ...setState(i.id, "running") }));
  add("stop_project", "Stop dispatch for a project (same as `maestro project stop`)", projectInput, CHANGE,
    (i: z.output<typeof projectInput>) => ({ status: "stopped", ...setState(i.id, "stopped"), stopped_runs: 0, identifiers: [] }));
  add("list_runtime_events", "The daemon's latest runtime events after a sequence number", eventsInput, READ,
    (i: z.output<typeof eventsInput>) => {
      if (!deps.runtimeEvents) throw orchestratorMissing("list_runtime_events");
      return deps.runtimeEvents(i.since ?? 0, i.limit ?? 100);
    });
  for (const op of runtimeOperations) {
    tools.set(op.name, {
      listing: { name: op.name, description: op.summary, inputSchema: schemaOf(op.input), annotations: op.readOnly ? READ : op.name === "run_issue_now" ? ADD : CHANGE },
      cacheable: false,
      call: (args) => {
        if (!deps.orchestrator) throw orchestratorMissing(op.name);
        return runRuntimeOperation(deps.orchestrator, op.name, args);
      },
    });
  }
  return { tools, cache: deps.readCache };
}

/**
 * Runs a tool and shapes the answer: a MaestroError becomes a tool error
 * with its one-line message; anything else is a bug, reported to `onBug`
 * and answered as a tool error too, so the client's session survives it.
 */
export function callTool(set: ToolSet, name: string, args: unknown, onBug: (err: unknown) => void): ToolResult {
  const tool = set.tools.get(name);
  if (!tool) return errorResult(`Unknown tool "${name}" (tools/list shows the ${set.tools.size} tools)`);
  const key = set.cache && tool.cacheable ? `${name}\0${JSON.stringify(args ?? {})}` : undefined;
  const kept = key === undefined ? undefined : set.cache!.get(key);
  if (kept !== undefined) return { content: [{ type: "text", text: kept }] };
  const generation = set.cache?.generation ?? 0;
  try {
    const text = JSON.stringify(tool.call((args ?? {}) as Record<string, unknown>));
    if (key !== undefined) set.cache!.set(key, text, generation);
    return { content: [{ type: "text", text }] };
  } catch (err) {
    if (isMaestroError(err)) return errorResult(err.line);
    onBug(err);
    return errorResult(`Internal error in ${name} (see the daemon's log)`);
  }
}

function errorResult(text: string): ToolResult {
  return { content: [{ type: "text", text }], isError: true };
}
