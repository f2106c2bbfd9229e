// /api/v1/app/issues/:identifier/assets: list, upload (multipart part "file"),
// delete and download. Files are found through the tracker by asset id; no
// path from the client ever reaches the file system.
import { MAX_ASSET_BYTES } from "../../tracker/mod.ts";
import type { RouteHandler } from "../context.ts";
import { payloadTooLarge } from "../http-error.ts";
import { mergeInput, onlyFields } from "../input.ts";
import { assertKnownParts, filePart, readForm } from "../multipart.ts";
import { json } from "../responses.ts";
import type { Router } from "../router.ts";
import { downloadResponse } from "./asset-download.ts";
import { ISSUES } from "./issues.ts";
import { operationRoute } from "./operation-route.ts";

/** Room for the multipart framing around a file at the limit. */
const FORM_OVERHEAD = 1024 * 1024;

const uploadAsset: RouteHandler = async (ctx) => {
  onlyFields(ctx.query(), []);
  const form = await readForm(ctx.req, MAX_ASSET_BYTES + FORM_OVERHEAD, "an asset upload");
  assertKnownParts(form, ["file"]);
  const file = filePart(form, "file");
  if (file.size > MAX_ASSET_BYTES) throw payloadTooLarge(`"${file.name.slice(0, 80)}"`, MAX_ASSET_BYTES);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return json(ctx.deps.tracker.addAsset(ctx.params.identifier ?? "", file.name, file.type, bytes), 201);
};

const downloadAsset: RouteHandler = (ctx) => {
  const input = mergeInput(ctx.params, ctx.query());
  onlyFields(input, ["identifier", "asset_id"]);
  const { asset, bytes } = ctx.deps.tracker.readIssueAsset({
    identifier: ctx.params.identifier ?? "",
    asset_id: ctx.params.asset_id ?? "",
  });
  return downloadResponse(asset, bytes);
};

export function addAssetRoutes(router: Router<RouteHandler>): void {
  const base = `${ISSUES}/:identifier/assets`;
  router
    .add("GET", base, operationRoute("list_issue_assets"))
    .add("POST", base, uploadAsset)
    .add("DELETE", `${base}/:asset_id`, operationRoute("delete_issue_asset"))
    .add("GET", `${base}/:asset_id/content`, downloadAsset);
}
