// The daemon's own routes: health, state, runtime events, the dashboard's
// bootstrap and change log, and the CLI's single `{op, input}` route.
import type { RouteContext, RouteHandler } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { intField, onlyFields } from "../input.ts";
import { json } from "../responses.ts";
import type { Router } from "../router.ts";
import { operationRoute } from "./operation-route.ts";
import { invalidInput } from "../../errors.ts";

/** How many runtime events /api/v1/events returns by default, and at most (the ring's size). */
const EVENTS_DEFAULT = 100;
const EVENTS_MAX = 500;
const BOOTSTRAP_ISSUES = 100;
const BOOTSTRAP_EVENTS = 50;
const LIST_ALL = 500;

const health: RouteHandler = (ctx) => {
  onlyFields(ctx.query(), []);
  return json({
    status: "ok",
    version: ctx.deps.info.version,
    pid: ctx.deps.info.pid,
    uptime_ms: Math.max(0, ctx.now().getTime() - ctx.startedAt.getTime()),
  });
};

const orchestratorState = (ctx: RouteContext) => ctx.deps.orchestrator?.snapshot() ?? { status: "not running" };

const state: RouteHandler = (ctx) => {
  onlyFields(ctx.query(), []);
  const { version, pid, db_path, started_at } = ctx.deps.info;
  return json({
    generated_at: ctx.now().toISOString(),
    daemon: { version, pid, db_path, started_at },
    counts: ctx.deps.tracker.getStatus({}),
    orchestrator: orchestratorState(ctx),
    workflows: ctx.deps.workflows?.() ?? [],
  });
};

const events: RouteHandler = (ctx) => {
  const query = ctx.query();
  onlyFields(query, ["since", "limit"]);
  const since = intField(query, "since", 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = intField(query, "limit", 1, EVENTS_MAX, EVENTS_DEFAULT);
  return json(ctx.deps.bus.runtimeSince(since, limit));
};

const bootstrap: RouteHandler = (ctx) => {
  onlyFields(ctx.query(), []);
  const { tracker, bus } = ctx.deps;
  const status = tracker.getStatus({});
  const board = tracker.boardOverview({});
  const { sort: _sort, ...issues } = tracker.listIssues({
    issue_type: "standard",
    sort: "updated_desc",
    limit: BOOTSTRAP_ISSUES,
    offset: 0,
  });
  return json({
    generated_at: ctx.now().toISOString(),
    overview: {
      board: { total: board.total, counts: board.counts },
      project_count: status.projects,
      epic_count: status.epics,
      issue_count: status.total,
      recent_events: bus.runtimeSince(0, BOOTSTRAP_EVENTS).events,
    },
    projects: tracker.listProjects({ limit: LIST_ALL, offset: 0 }).items,
    epics: tracker.listEpics({ limit: LIST_ALL, offset: 0 }).items,
    issues,
  });
};

/** POST /api/v1/ops {op, input}: the CLI's route while a daemon owns the database. */
const ops: RouteHandler = async (ctx) => {
  onlyFields(ctx.query(), []);
  const body = await ctx.body();
  onlyFields(body, ["op", "input"]);
  if (body.op === undefined) throw invalidInput(`Missing required field "op"`, "send {\"op\": \"list_issues\", \"input\": {...}}");
  if (typeof body.op !== "string") throw invalidInput(`Invalid "op": expected an operation name, got ${JSON.stringify(body.op).slice(0, 60)}`);
  return json({ result: ctx.run(body.op, body.input ?? {}) });
};

const wsWithoutUpgrade: RouteHandler = () => {
  throw new HttpError(426, "upgrade_required", "Cannot stream over plain HTTP: this route is a WebSocket", "connect with a WebSocket client", {
    upgrade: "websocket",
  });
};

export function addSystemRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/health", health)
    .add("GET", "/api/v1/state", state)
    .add("GET", "/api/v1/events", events)
    .add("GET", "/api/v1/app/bootstrap", bootstrap)
    // The change log after a seq: the dashboard reads what an invalidation was about.
    .add("GET", "/api/v1/app/changes", operationRoute("list_changes"))
    .add("POST", "/api/v1/ops", ops)
    .add("GET", "/api/v1/ws", wsWithoutUpgrade);
}
