// /api/v1/app/epics: list (?project_id=), create, show, partial update, delete.
import type { RouteHandler } from "../context.ts";
import type { Router } from "../router.ts";
import { operationRoute } from "./operation-route.ts";

const BASE = "/api/v1/app/epics";

export function addEpicRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", BASE, operationRoute("list_epics"))
    .add("POST", BASE, operationRoute("create_epic", 201))
    .add("GET", `${BASE}/:id`, operationRoute("get_epic"))
    .add("PATCH", `${BASE}/:id`, operationRoute("update_epic"))
    .add("DELETE", `${BASE}/:id`, operationRoute("delete_epic"));
}
