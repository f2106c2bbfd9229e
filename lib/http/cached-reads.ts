// Which requests may be answered from the ResponseCache, under which key, and
// how a cached answer becomes a Response (200, or 304 for a matching
// If-None-Match). Only the tracker-backed reads under /api/v1/app qualify
// (not the orchestrator's execution, sessions and interrupts):
// they change only through committed writes. /health, /api/v1/state and
// /api/v1/events read the clock or the orchestrator, and asset content is
// bytes from disk with its own headers.
import type { CachedEntry } from "./response-cache.ts";

const APP_PREFIX = "/api/v1/app/";
const ASSET_CONTENT = "/content";

/** True for a GET or HEAD of a tracker-backed read route. */
export function isCacheableRead(method: string, pathname: string): boolean {
  return (method === "GET" || method === "HEAD") && pathname.startsWith(APP_PREFIX) && !pathname.endsWith(ASSET_CONTENT) &&
    !RUNTIME_READS.some((r) => r.test(pathname));
}

// The orchestrator's reads change with every streamed event, not only with committed writes.
const RUNTIME_READS = [/\/execution$/, /^\/api\/v1\/app\/(interrupts|sessions|runtime)(\/|$)/];

/**
 * The cache key: path and query plus who asked (Host and Authorization).
 * The gate has already vetted both, so answers do not depend on them today;
 * keying on them keeps one caller's answer from ever reaching another if
 * that changes.
 */
export function cacheKey(req: Request, url: URL): string {
  const host = req.headers.get("host") ?? "";
  const auth = req.headers.get("authorization") ?? "";
  return `${host}\n${auth}\n${url.pathname}${url.search}`;
}

/** A weak ETag naming the state an answer was computed from; `boot` keeps a restarted daemon's tags distinct. */
export function entityTag(boot: string, changeSeq: number, generation: number): string {
  return `W/"${boot}-${changeSeq}-${generation}"`;
}

/** RFC 9110 weak comparison of an If-None-Match list against `etag`. */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const bare = etag.slice(2);
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*" || tag === etag || tag === bare || (tag.startsWith("W/") && tag.slice(2) === bare)) return true;
  }
  return false;
}

/** A fresh Response for a cached answer: 304 when the client already holds it, no body for HEAD. */
export function cachedResponse(entry: CachedEntry, req: Request): Response {
  // no-cache (not no-store): a browser may keep the body but must revalidate, which the ETag makes cheap.
  const common: [string, string][] = [
    ["cache-control", "no-cache"],
    ["etag", entry.etag],
    ["x-content-type-options", "nosniff"],
  ];
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), entry.etag)) return new Response(null, { status: 304, headers: common });
  const headers: [string, string][] = [
    ["content-type", entry.contentType],
    ["content-length", String(entry.body.byteLength)],
    ...common,
  ];
  return new Response(req.method === "HEAD" ? null : bytesStream(entry.body), { status: entry.status, headers });
}

/**
 * The cached bytes as a one-chunk stream. Handing the bytes to Response
 * directly makes both runtimes copy them on every hit (measured: about twice
 * the CPU per request on Node and Deno); a stream shares them, and the
 * declared Content-Length still lets the adapters send them in one write.
 */
function bytesStream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
}

/** Reads a handler's 200 JSON answer into a cache entry; undefined for anything else (errors are never kept). */
export async function entryFor(res: Response, etag: string): Promise<CachedEntry | undefined> {
  const contentType = res.headers.get("content-type");
  if (res.status !== 200 || contentType === null || !contentType.startsWith("application/json")) return undefined;
  return { status: 200, body: new Uint8Array(await res.arrayBuffer()), contentType, etag };
}
