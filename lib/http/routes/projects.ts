// /api/v1/app/projects: list, create, show, partial update, delete, run, stop.
import type { RouteContext, RouteHandler } from "../context.ts";
import { onlyFields } from "../input.ts";
import { json } from "../responses.ts";
import type { Router } from "../router.ts";
import { operationRoute } from "./operation-route.ts";

const BASE = "/api/v1/app/projects";

/** Starts or stops a project through the orchestrator when it runs, else by setting the project's state. */
function dispatchRoute(which: "run" | "stop"): RouteHandler {
  return async (ctx: RouteContext) => {
    onlyFields({ ...ctx.query(), ...(await ctx.body()) }, []);
    // Resolve first: a name or id becomes the project id, and an unknown one is 404 either way.
    const view = ctx.deps.tracker.getProject({ id: ctx.params.id ?? "" });
    const hook = which === "run" ? ctx.deps.projectRun : ctx.deps.projectStop;
    if (hook) return json(await hook(view.project.id));
    return json(ctx.run("set_project_state", { id: view.project.id, state: which === "run" ? "running" : "stopped" }));
  };
}

export function addProjectRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", BASE, operationRoute("list_projects"))
    .add("POST", BASE, operationRoute("create_project", 201))
    .add("GET", `${BASE}/:id`, operationRoute("get_project"))
    .add("PATCH", `${BASE}/:id`, operationRoute("update_project"))
    .add("DELETE", `${BASE}/:id`, operationRoute("delete_project"))
    .add("POST", `${BASE}/:id/run`, dispatchRoute("run"))
    .add("POST", `${BASE}/:id/stop`, dispatchRoute("stop"));
}
