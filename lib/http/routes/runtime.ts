// The orchestrator's routes: live state, sessions, an issue's execution,
// retry and run-now, and pending interrupts. Each runs a runtime operation
// (lib/orchestrator/operations.ts), as the MCP tools and the CLI do.
import type { RouteHandler } from "../context.ts";
import type { Router } from "../router.ts";
import { operationRoute } from "./operation-route.ts";
import { ISSUES } from "./issues.ts";

export const INTERRUPTS = "/api/v1/app/interrupts";
export const SESSIONS = "/api/v1/app/sessions";

export function addRuntimeRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/api/v1/sessions", operationRoute("list_sessions"))
    .add("GET", SESSIONS, operationRoute("list_sessions"))
    .add("GET", `${ISSUES}/:identifier/execution`, operationRoute("get_issue_execution"))
    .add("POST", `${ISSUES}/:identifier/retry`, operationRoute("retry_issue", 202))
    .add("POST", `${ISSUES}/:identifier/run-now`, operationRoute("run_issue_now", 202))
    .add("GET", "/api/v1/app/runtime/series", operationRoute("get_runtime_series"))
    .add("GET", INTERRUPTS, operationRoute("list_interrupts"))
    .add("POST", `${INTERRUPTS}/:id/respond`, operationRoute("answer_interrupt", 202));
}
