// A small router over path patterns with `:name` segments. A path that
// matches no pattern is 404; one that matches only under other methods is
// 405 with Allow. HEAD is served by the GET route without its body.
import { badBody, methodNotAllowed, routeNotFound } from "./http-error.ts";

export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export interface Match<H> {
  handler: H;
  params: Params;
}

/** Splits a URL path into decoded segments; a trailing slash is ignored. Throws 400 for bad percent-encoding. */
export function pathSegments(pathname: string): string[] {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
  return trimmed.split("/").slice(1).map((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      throw badBody(`Invalid URL path: bad percent-encoding in "${raw.slice(0, 60)}"`, "encode the path with encodeURIComponent");
    }
  });
}

function matchSegments(pattern: string[], path: string[]): Params | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = path[i]!;
    if (want.startsWith(":")) {
      if (got === "") return undefined;
      params[want.slice(1)] = got;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Adds a route; `pattern` is like "/api/v1/app/issues/:ident". */
  add(method: string, pattern: string, handler: H): this {
    this.#routes.push({ method: method.toUpperCase(), segments: pattern.split("/").slice(1), handler });
    return this;
  }

  /** The handler for `method` and `pathname`. Throws HttpError 404, 405 (with Allow) or 400 for a bad path. */
  match(method: string, pathname: string): Match<H> {
    const path = pathSegments(pathname);
    const allowed: string[] = [];
    const wanted = method === "HEAD" ? "GET" : method;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, path);
      if (!params) continue;
      if (route.method === wanted) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    if (allowed.length === 0) throw routeNotFound(method, pathname);
    if (allowed.includes("GET")) allowed.push("HEAD");
    throw methodNotAllowed(method, pathname, [...new Set(allowed)]);
  }

  /** Every route as "METHOD pattern", in the order added. */
  list(): string[] {
    return this.#routes.map((r) => `${r.method} /${r.segments.join("/")}`);
  }
}
