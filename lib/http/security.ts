// Who may talk to the daemon. The API binds to loopback, but a browser page
// on any site can still reach loopback, so:
// - the Host header must name us (defeats DNS rebinding);
// - a request that changes something, or opens the WebSocket, from a page on
//   another origin is refused (no CORS headers are ever sent, so cross-site
//   reads fail in the browser anyway);
// - with an apiToken (daemon bound beyond loopback) every /api call needs it;
// - POST /api/v1/ops always needs a token: the opsToken from the discovery file, or the apiToken
//   (whoever holds the API token can change everything through the API anyway).
import { HttpError } from "./http-error.ts";
import { responseForError } from "./responses.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const forbidden = (message: string, hint: string) => new HttpError(403, "forbidden", message, hint);

/** The Host a request names: its header, or for header-less requests the URL's host. */
function hostOf(req: Request): string {
  return (req.headers.get("host") ?? new URL(req.url).host).trim().toLowerCase();
}

/**
 * Throws 403 unless the Host header is one of `allowedHosts`. An empty list
 * accepts any host: the daemon passes one only when bound beyond loopback,
 * where its names are unknowable and the API token guards every request.
 */
export function checkHost(req: Request, allowedHosts: readonly string[]): void {
  if (allowedHosts.length === 0) return;
  const host = hostOf(req);
  if (allowedHosts.some((h) => h.toLowerCase() === host)) return;
  throw forbidden(`Refused a request for host "${host.slice(0, 100)}"`, `use one of ${allowedHosts.join(", ")}`);
}

/** Throws 403 when a mutating request or a WebSocket upgrade comes from a page on a foreign origin. */
export function checkOrigin(req: Request, allowedHosts: readonly string[], isUpgrade: boolean): void {
  if (!isUpgrade && SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin === null) return; // not a browser page: the CLI, curl, the daemon's own clients
  const normalized = origin.trim().toLowerCase();
  // Same-origin (a page served by this daemon under the name it was reached by) or a known name.
  if (normalized === `http://${hostOf(req)}` && (allowedHosts.length === 0 || allowedHosts.includes(hostOf(req)))) return;
  if (allowedHosts.some((h) => normalized === `http://${h.toLowerCase()}`)) return;
  throw forbidden(
    `Refused a cross-origin request from "${origin.slice(0, 100)}"`,
    "open the dashboard from the daemon's own address",
  );
}

/** Constant-time equality of two strings (the time depends on their lengths only). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ b[i]!;
  return diff === 0 && b.length > 0;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
function bearerToken(req: Request): string | undefined {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  return match?.[1];
}

/** Throws 401 unless the request carries `Authorization: Bearer <t>` for one of the `accepted` tokens. */
export function checkBearer(req: Request, accepted: readonly string[], which: string): void {
  const given = bearerToken(req);
  if (given !== undefined && accepted.some((t) => tokensEqual(given, t))) return;
  throw new HttpError(
    401,
    "unauthorized",
    given === undefined ? `Missing ${which}: send Authorization: Bearer <token>` : `Invalid ${which}`,
    which === "ops token" ? "the CLI reads it from the daemon's discovery file" : "use the token the daemon was started with",
    { "www-authenticate": 'Bearer realm="maestro"' },
  );
}

/**
 * For endpoints served beside the app (the daemon's private MCP endpoint):
 * the 401 or 403 answer for a request without the bearer `token` or with a
 * Host outside `allowedHosts`, or undefined to let it through.
 */
export function refusePrivate(req: Request, token: string, allowedHosts: readonly string[], which: string): Response | undefined {
  try {
    checkHost(req, allowedHosts);
    checkBearer(req, [token], which);
    return undefined;
  } catch (err) {
    return responseForError(err, () => {});
  }
}
