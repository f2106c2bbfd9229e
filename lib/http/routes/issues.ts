// /api/v1/app/issues: list with filters, create, show, partial update,
// delete, state moves and blockers. The tracker decides every rule; a move
// into in_progress with open blockers comes back as its 409 "blocked".
import type { RouteHandler } from "../context.ts";
import type { Router } from "../router.ts";
import { operationRoute } from "./operation-route.ts";

export const ISSUES = "/api/v1/app/issues";

export function addIssueRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", ISSUES, operationRoute("list_issues"))
    .add("POST", ISSUES, operationRoute("create_issue", 201))
    .add("GET", `${ISSUES}/:identifier`, operationRoute("get_issue"))
    .add("PATCH", `${ISSUES}/:identifier`, operationRoute("update_issue"))
    .add("DELETE", `${ISSUES}/:identifier`, operationRoute("delete_issue"))
    .add("POST", `${ISSUES}/:identifier/state`, operationRoute("set_issue_state"))
    .add("POST", `${ISSUES}/:identifier/blockers`, operationRoute("set_blockers"));
}
