/**
 * The HTTP surface (DESIGN.md: http/; inventory §3.2, §3.3, §3.6): the JSON
 * API over tracker operations, the daemon's `{op, input}` route for the CLI,
 * and the WebSocket invalidation stream. Handlers take a web-standard
 * Request and return a Response; lib/runtime's serve() does the sockets.
 *
 * Routes: GET /health; GET /api/v1/state; GET /api/v1/events?since&limit;
 * GET /api/v1/ws (WebSocket); POST /api/v1/ops; GET /api/v1/app/bootstrap;
 * /api/v1/app/projects[/:id[/run|/stop]]; /api/v1/app/epics[/:id];
 * /api/v1/app/issues[/:identifier[/state|/blockers
 * |/comments[/:comment_id[/attachments/:attachment_id/content]]
 * |/assets[/:asset_id[/content]]]]; comments take multipart "files" parts
 * as attachments.
 *
 * GET/HEAD answers under /api/v1/app (except asset content) are cached per
 * Host, Authorization and path+query, and the whole cache is dropped on every
 * bus notice (a committed write or a runtime event). They carry a weak ETag
 * and `cache-control: no-cache`; a matching If-None-Match gets 304.
 * `deps.cache` bounds the cache (entries, bytes).
 *
 * Errors leave as {"error":{"code","message","hint"?}}: MaestroError codes
 * not_found 404, invalid_input 400, conflict 409, blocked 409, unavailable
 * 503; unknown route 404; wrong method 405 with Allow; body too large 413;
 * wrong content type 415; bad Host or foreign Origin 403; missing or wrong
 * token 401; anything unexpected 500 "internal".
 */
export type {
  ConnectionInfo,
  DaemonInfo,
  FetchHandler,
  HttpApp,
  HttpDeps,
  UpgradeHandler,
  WebSocketConnection,
  WebSocketHandlers,
} from "./types.ts";

/**
 * createHttpApp(deps): `fetch` answers every HTTP request; `upgrade`
 * answers `Upgrade: websocket` requests with stream handlers, or with a
 * refusal Response (401/403/404/400). Neither throws: every failure becomes
 * a JSON error response.
 */
export { createHttpApp } from "./app.ts";

/**
 * refusePrivate(req, token, allowedHosts, which): the JSON 403/401 answer for
 * a request with a foreign Host or without `Authorization: Bearer <token>`,
 * or undefined. For endpoints served beside the app (the MCP endpoint).
 */
export { refusePrivate } from "./security.ts";
