import type { IssueAsset } from "../../tracker/mod.ts";
import type { CommandSpec } from "../command.ts";
import { absolutePath, arg } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { formatBytes } from "../render/cells.ts";
import { respond } from "../respond.ts";
import { issueArg } from "./issue-ref.ts";

const add: CommandSpec = {
  name: "add",
  summary: "Attach a copy of a local file to an issue",
  args: [issueArg, { name: "path", description: "the file to copy", required: true }],
  async run(ctx) {
    const input = { identifier: arg(ctx, "identifier"), path: absolutePath(ctx, arg(ctx, "path")) };
    const asset = await invoke<IssueAsset>(ctx, "attach_issue_asset", input);
    respond(ctx, asset, () => [asset.id], () => ctx.out.line(`Added asset ${asset.id} (${asset.filename}, ${formatBytes(asset.byte_size)})`));
  },
};

const list: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "List an issue's assets",
  args: [issueArg],
  async run(ctx) {
    const result = await invoke<{ items: IssueAsset[] }>(ctx, "list_issue_assets", { identifier: arg(ctx, "identifier") });
    respond(ctx, result, () => result.items.map((a) => a.id), () => {
      const wide = ctx.global.wide;
      ctx.out.table(
        ["ID", "FILENAME", "SIZE", ...(wide ? ["CONTENT TYPE", "CREATED"] : [])],
        result.items.map((a) => [a.id, a.filename, a.byte_size, ...(wide ? [a.content_type, a.created_at] : [])]),
      );
    });
  },
};

const remove: CommandSpec = {
  name: "remove",
  aliases: ["rm"],
  summary: "Remove an asset from an issue and delete its file",
  args: [issueArg, { name: "asset_id", description: "asset id", required: true }],
  async run(ctx) {
    const input = { identifier: arg(ctx, "identifier"), asset_id: arg(ctx, "asset_id") };
    const result = await invoke<{ asset_id: string; identifier: string }>(ctx, "delete_issue_asset", input);
    respond(ctx, result, () => [result.asset_id], () => ctx.out.line(`Removed asset ${result.asset_id} from ${result.identifier}`));
  },
};

/** `maestro issue assets …` (also `issue images …`). */
export const issueAssetsCommand: CommandSpec = {
  name: "assets",
  aliases: ["images"],
  summary: "Attach files (screenshots, logs) to an issue",
  subcommands: [add, list, remove],
};
