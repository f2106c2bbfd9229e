// createHttpApp: the daemon's HTTP surface as two web-standard functions,
// fetch (Request -> Response) and upgrade (Request -> WebSocket handlers or a
// refusal). Every request passes the same gate (Host, Origin, tokens) before
// routing; every failure leaves as the JSON error envelope.
import { cacheKey, cachedResponse, entityTag, entryFor, isCacheableRead } from "./cached-reads.ts";
import { createContext, type RouteHandler } from "./context.ts";
import { intField, onlyFields, queryFields } from "./input.ts";
import { methodNotAllowed, routeNotFound } from "./http-error.ts";
import { responseCache } from "./response-cache.ts";
import { responseForError } from "./responses.ts";
import { Router } from "./router.ts";
import { addAssetRoutes } from "./routes/assets.ts";
import { addCommentRoutes } from "./routes/comments.ts";
import { addDashboardRoutes } from "./routes/dashboard.ts";
import { addEpicRoutes } from "./routes/epics.ts";
import { addIssueRoutes } from "./routes/issues.ts";
import { addProjectRoutes } from "./routes/projects.ts";
import { addRuntimeRoutes } from "./routes/runtime.ts";
import { addSystemRoutes } from "./routes/system.ts";
import { checkBearer, checkHost, checkOrigin } from "./security.ts";
import type { HttpApp, HttpDeps } from "./types.ts";
import { streamHandlers } from "./ws-stream.ts";

export const OPS_PATH = "/api/v1/ops";
export const WS_PATH = "/api/v1/ws";

/** Builds the router with every route of the API. */
export function buildRouter(): Router<RouteHandler> {
  const router = new Router<RouteHandler>();
  addSystemRoutes(router);
  addProjectRoutes(router);
  addEpicRoutes(router);
  addIssueRoutes(router);
  addCommentRoutes(router);
  addAssetRoutes(router);
  addRuntimeRoutes(router);
  addDashboardRoutes(router);
  return router;
}

const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");

/** Host, Origin and token checks shared by fetch and upgrade; throws HttpError 401/403. */
function gate(deps: HttpDeps, req: Request, url: URL, isUpgrade: boolean): void {
  checkHost(req, deps.allowedHosts);
  checkOrigin(req, deps.allowedHosts, isUpgrade);
  const tokens = deps.apiToken === undefined ? [deps.opsToken] : [deps.apiToken, deps.opsToken];
  if (url.pathname === OPS_PATH) checkBearer(req, tokens, "ops token");
  else if (deps.apiToken !== undefined && isApiPath(url.pathname)) checkBearer(req, tokens, "API token");
}

function withoutBody(res: Response): Response {
  return new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers });
}

export function createHttpApp(deps: HttpDeps): HttpApp {
  const router = buildRouter();
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const onInternal = (req: Request) => (err: unknown) => deps.onError?.(err, req);
  const currentChangeSeq = () =>
    Math.max(deps.bus.changeSeq(), deps.tracker.listChanges({ since: Number.MAX_SAFE_INTEGER, limit: 1 }).last_seq);
  const cache = responseCache(deps.cache);
  // Any notice may change a read: a change notice is a committed write, a runtime one shows in bootstrap.
  // Live notices change no stored data: the cached tracker reads stay good.
  deps.bus.subscribe((n) => n.kind !== "live" && cache.clear());
  const boot = Math.floor(Math.random() * 0x100000000).toString(36);

  /** Runs the route; a 200 JSON read is kept for the next identical request until the next notice. */
  async function route(req: Request, url: URL): Promise<Response> {
    const { handler, params } = router.match(req.method, url.pathname);
    const generation = cache.generation;
    const res = await handler(createContext(req, url, params, deps, { now, startedAt }));
    if (!isCacheableRead(req.method, url.pathname)) return res;
    const entry = await entryFor(res, entityTag(boot, deps.bus.changeSeq(), generation));
    if (entry === undefined) return res;
    cache.set(cacheKey(req, url), entry, generation);
    return cachedResponse(entry, req);
  }

  return {
    async fetch(req) {
      try {
        const url = new URL(req.url);
        gate(deps, req, url, false);
        const hit = isCacheableRead(req.method, url.pathname) ? cache.get(cacheKey(req, url)) : undefined;
        if (hit !== undefined) return cachedResponse(hit, req);
        const res = await route(req, url);
        return req.method === "HEAD" ? withoutBody(res) : res;
      } catch (err) {
        return responseForError(err, onInternal(req));
      }
    },
    upgrade(req) {
      try {
        const url = new URL(req.url);
        gate(deps, req, url, true);
        if (url.pathname !== WS_PATH) throw routeNotFound(req.method, url.pathname);
        if (req.method !== "GET") throw methodNotAllowed(req.method, url.pathname, ["GET"]);
        const query = queryFields(url);
        onlyFields(query, ["since"]);
        const since = query.since === undefined ? undefined : intField(query, "since", 0, Number.MAX_SAFE_INTEGER, 0);
        return streamHandlers({ bus: deps.bus, currentChangeSeq, now }, since);
      } catch (err) {
        return responseForError(err, onInternal(req));
      }
    },
  };
}
