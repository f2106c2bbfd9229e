// /api/v1/app/issues/:identifier/comments[/:comment_id], and an attachment's
// bytes. Bodies come as JSON or, from the dashboard's forms, as multipart,
// whose "files" parts become attachments. HTTP clients never name local
// files: attachment_paths is refused here (the tracker reads such paths from
// disk, which only the local CLI may ask for).
import {
  createIssueCommentInput,
  type IncomingFile,
  MAX_ATTACHMENT_BYTES,
  parseInput,
  updateIssueCommentInput,
} from "../../tracker/mod.ts";
import { mediaType } from "../body.ts";
import { badBody } from "../http-error.ts";
import type { RouteContext, RouteHandler } from "../context.ts";
import { type Fields, mergeInput, onlyFields, refuseFields } from "../input.ts";
import { assertKnownParts, readForm, textPart, textParts } from "../multipart.ts";
import { json } from "../responses.ts";
import type { Router } from "../router.ts";
import { downloadResponse } from "./asset-download.ts";
import { ISSUES } from "./issues.ts";
import { operationRoute } from "./operation-route.ts";

/** Comments written over HTTP without an author are the dashboard's. */
const UI_AUTHOR = { type: "source", name: "UI" };
const FILE_PARTS = ["files", "file"];
/** Room for a few attachments at the limit plus the multipart framing; each file is checked on its own. */
const FORM_LIMIT = 4 * MAX_ATTACHMENT_BYTES + 1024 * 1024;

interface CommentForm {
  fields: Fields;
  files: IncomingFile[];
}

/** The uploaded files; a file part sent as text (a path, say) is refused. */
async function fileParts(form: FormData): Promise<IncomingFile[]> {
  const files = FILE_PARTS.flatMap((name) => form.getAll(name).map((v) => {
    if (typeof v === "string") throw badBody(`Invalid "${name}": expected a file, got text`, "send it with a filename");
    return v;
  }));
  return Promise.all(files.map(async (f) => ({ filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

async function formFields(ctx: RouteContext, textNames: string[], listNames: string[]): Promise<CommentForm> {
  const form = await readForm(ctx.req, FORM_LIMIT, "a comment");
  assertKnownParts(form, [...textNames, ...listNames, ...FILE_PARTS]);
  const fields: Fields = {};
  for (const name of textNames) {
    const value = textPart(form, name);
    // Empty form inputs mean "not given" (a browser sends every input of a form).
    if (value !== undefined && !(name === "parent_comment_id" && value.trim() === "")) fields[name] = value;
  }
  for (const name of listNames) if (form.has(name)) fields[name] = textParts(form, name);
  return { fields, files: await fileParts(form) };
}

async function commentFields(ctx: RouteContext, textNames: string[], listNames: string[]): Promise<CommentForm> {
  if (mediaType(ctx.req) === "multipart/form-data") return formFields(ctx, textNames, listNames);
  const fields = await ctx.body();
  refuseFields(fields, ["attachment_paths"], "HTTP clients cannot name local files; send them as multipart \"files\" parts");
  return { fields, files: [] };
}

const createComment: RouteHandler = async (ctx) => {
  const { fields, files } = await commentFields(ctx, ["body", "parent_comment_id"], []);
  const input = mergeInput(ctx.params, ctx.query(), fields);
  if (!Object.hasOwn(input, "author")) input.author = UI_AUTHOR;
  return json(ctx.deps.tracker.createIssueComment(parseInput(createIssueCommentInput, input), files), 201);
};

const updateComment: RouteHandler = async (ctx) => {
  const { fields, files } = await commentFields(ctx, ["body"], ["remove_attachment_ids"]);
  const input = parseInput(updateIssueCommentInput, mergeInput(ctx.params, ctx.query(), fields));
  return json(ctx.deps.tracker.updateIssueComment(input, files));
};

const downloadAttachment: RouteHandler = (ctx) => {
  onlyFields(mergeInput(ctx.params, ctx.query()), ["identifier", "comment_id", "attachment_id"]);
  const { attachment, bytes } = ctx.deps.tracker.readCommentAttachment({
    identifier: ctx.params.identifier ?? "",
    comment_id: ctx.params.comment_id ?? "",
    attachment_id: ctx.params.attachment_id ?? "",
  });
  return downloadResponse(attachment, bytes);
};

export function addCommentRoutes(router: Router<RouteHandler>): void {
  const base = `${ISSUES}/:identifier/comments`;
  router
    .add("GET", base, operationRoute("list_issue_comments"))
    .add("POST", base, createComment)
    .add("PATCH", `${base}/:comment_id`, updateComment)
    .add("DELETE", `${base}/:comment_id`, operationRoute("delete_issue_comment"))
    .add("GET", `${base}/:comment_id/attachments/:attachment_id/content`, downloadAttachment);
}
