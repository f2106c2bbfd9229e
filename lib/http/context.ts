// What a route handler receives: the request, its URL and path params, the
// daemon's dependencies, and shorthands for reading input and running
// tracker operations.
import { getRuntimeOperation, runRuntimeOperation } from "../orchestrator/mod.ts";
import { runOperation } from "../tracker/mod.ts";
import { unavailable } from "../errors.ts";
import { readJsonObject } from "./body.ts";
import { type Fields, mergeInput, queryFields } from "./input.ts";
import type { Params } from "./router.ts";
import type { HttpDeps } from "./types.ts";

export interface RouteContext {
  req: Request;
  url: URL;
  params: Params;
  deps: HttpDeps;
  now: () => Date;
  /** When the app was created: /health's uptime counts from here. */
  startedAt: Date;
  /** The query string as fields. */
  query(): Fields;
  /** The JSON body as fields ({} when empty); see body.ts for what it throws. */
  body(): Promise<Fields>;
  /** Runs a tracker or orchestrator operation by name with raw input (validated by its schema). */
  run(name: string, input: unknown): unknown;
  /** Path params merged with the query (GET) or the JSON body (others). */
  input(): Promise<Fields>;
}

export type RouteHandler = (ctx: RouteContext) => Response | Promise<Response>;

export function createContext(
  req: Request,
  url: URL,
  params: Params,
  deps: HttpDeps,
  clock: { now: () => Date; startedAt: Date },
): RouteContext {
  const ctx: RouteContext = {
    req,
    url,
    params,
    deps,
    now: clock.now,
    startedAt: clock.startedAt,
    query: () => queryFields(url),
    body: () => readJsonObject(req),
    run(name, input) {
      if (!getRuntimeOperation(name)) return runOperation(deps.tracker, name, input);
      if (!deps.orchestrator) throw unavailable(`Orchestrator not running: ${name} needs it`, "start the daemon with: maestro run");
      return runRuntimeOperation(deps.orchestrator, name, input);
    },
    async input() {
      if (req.method === "GET" || req.method === "HEAD") return mergeInput(params, ctx.query());
      return mergeInput(params, ctx.query(), await ctx.body());
    },
  };
  return ctx;
}
