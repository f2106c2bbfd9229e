// /api/v1/app/issues/:identifier/comments[/:comment_id]. Bodies come as JSON
// or, from the dashboard's forms, as multipart. HTTP clients never name local
// files: attachment_paths is refused here (the tracker reads such paths from
// disk, which only the local CLI may ask for).
import { invalidInput } from "../../errors.ts";
import { MAX_ATTACHMENT_BYTES } from "../../tracker/mod.ts";
import { mediaType } from "../body.ts";
import type { RouteContext, RouteHandler } from "../context.ts";
import { type Fields, mergeInput, refuseFields } from "../input.ts";
import { assertKnownParts, readForm, textPart, textParts } from "../multipart.ts";
import { json } from "../responses.ts";
import type { Router } from "../router.ts";
import { ISSUES } from "./issues.ts";
import { operationRoute } from "./operation-route.ts";

/** Comments written over HTTP without an author are the dashboard's. */
const UI_AUTHOR = { type: "source", name: "UI" };
const FILE_PARTS = ["files", "file"];
const FORM_LIMIT = MAX_ATTACHMENT_BYTES + 1024 * 1024;

async function formFields(ctx: RouteContext, textNames: string[], listNames: string[]): Promise<Fields> {
  const form = await readForm(ctx.req, FORM_LIMIT, "a comment");
  assertKnownParts(form, [...textNames, ...listNames, ...FILE_PARTS]);
  if (FILE_PARTS.some((name) => form.has(name))) {
    throw invalidInput("Cannot attach files to a comment over HTTP yet", "upload the file as an issue asset instead");
  }
  const fields: Fields = {};
  for (const name of textNames) {
    const value = textPart(form, name);
    // Empty form inputs mean "not given" (a browser sends every input of a form).
    if (value !== undefined && !(name === "parent_comment_id" && value.trim() === "")) fields[name] = value;
  }
  for (const name of listNames) if (form.has(name)) fields[name] = textParts(form, name);
  return fields;
}

async function commentFields(ctx: RouteContext, textNames: string[], listNames: string[]): Promise<Fields> {
  if (mediaType(ctx.req) === "multipart/form-data") return formFields(ctx, textNames, listNames);
  const fields = await ctx.body();
  refuseFields(fields, ["attachment_paths"], "HTTP clients cannot name local files; upload an issue asset instead");
  return fields;
}

const createComment: RouteHandler = async (ctx) => {
  const fields = await commentFields(ctx, ["body", "parent_comment_id"], []);
  const input = mergeInput(ctx.params, ctx.query(), fields);
  if (!Object.hasOwn(input, "author")) input.author = UI_AUTHOR;
  return json(ctx.run("create_issue_comment", input), 201);
};

const updateComment: RouteHandler = async (ctx) => {
  const fields = await commentFields(ctx, ["body"], ["remove_attachment_ids"]);
  return json(ctx.run("update_issue_comment", mergeInput(ctx.params, ctx.query(), fields)));
};

export function addCommentRoutes(router: Router<RouteHandler>): void {
  const base = `${ISSUES}/:identifier/comments`;
  router
    .add("GET", base, operationRoute("list_issue_comments"))
    .add("POST", base, createComment)
    .add("PATCH", `${base}/:comment_id`, updateComment)
    .add("DELETE", `${base}/:comment_id`, operationRoute("delete_issue_comment"));
}
