// The common route: path params + query or body -> one tracker operation -> JSON.
import type { RouteHandler } from "../context.ts";
import { json } from "../responses.ts";

/** A handler that runs operation `name` on the request's merged input and answers with `status`. */
export function operationRoute(name: string, status = 200): RouteHandler {
  return async (ctx) => json(ctx.run(name, await ctx.input()), status);
}
