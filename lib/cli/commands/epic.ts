import type { Epic, EpicSummary, EpicView, Page } from "../../tracker/mod.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { arg, present, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { named } from "../render/cells.ts";
import { printIssueTable } from "../render/issues.ts";
import { printEpicTable } from "../render/projects.ts";
import { respond } from "../respond.ts";

const idArg = { name: "epic", description: "epic id (epic_…)", required: true };

function printEpic(ctx: CommandContext, verb: string, epic: Epic): void {
  respond(ctx, epic, () => [epic.id], () => ctx.out.line(`${verb} epic ${epic.id}`));
}

const create: CommandSpec = {
  name: "create",
  summary: "Create an epic in a project",
  args: [{ name: "name", required: true }],
  flags: [
    { name: "project", type: "string", value: "PROJECT", description: "project id or name", required: true },
    { name: "desc", type: "string", value: "TEXT", description: "description" },
  ],
  async run(ctx) {
    const input = present({ project_id: stringFlag(ctx, "project"), name: arg(ctx, "name"), description: stringFlag(ctx, "desc") });
    printEpic(ctx, "Created", await invoke<Epic>(ctx, "create_epic", input));
  },
};

const list: CommandSpec = {
  name: "list",
  summary: "List epics with their issue counts",
  flags: [{ name: "project", type: "string", value: "PROJECT", description: "only this project's epics" }],
  async run(ctx) {
    const page = await invoke<Page<EpicSummary>>(ctx, "list_epics", present({ project_id: stringFlag(ctx, "project") }));
    respond(ctx, page, () => page.items.map((e) => e.id), () => printEpicTable(ctx.out, page.items, ctx.global.wide));
  },
};

const show: CommandSpec = {
  name: "show",
  summary: "Show an epic and its issues",
  args: [idArg],
  async run(ctx) {
    const view = await invoke<EpicView>(ctx, "get_epic", { id: arg(ctx, "epic") });
    respond(ctx, view, () => [view.epic.id], () => {
      const e = view.epic;
      ctx.out.fields([
        ["Epic", `${e.name} (${e.id})`],
        ["Project", named(e.project_name, e.project_id)],
        ["Description", e.description],
        ["Issues", `${e.total_count} total, ${e.active_count} active, ${e.terminal_count} done or cancelled`],
      ]);
      ctx.out.line();
      if (view.issues.items.length === 0) ctx.out.line("No issues");
      else printIssueTable(ctx.out, view.issues.items, ctx.global.wide);
    });
  },
};

const update: CommandSpec = {
  name: "update",
  summary: "Change an epic's name, description or project",
  details: "Only the flags given are changed.",
  args: [idArg],
  flags: [
    { name: "name", type: "string", value: "NAME", description: "new name" },
    { name: "desc", type: "string", value: "TEXT", description: "new description" },
    { name: "project", type: "string", value: "PROJECT", description: "move to this project (id or name)" },
  ],
  async run(ctx) {
    const input = present({
      id: arg(ctx, "epic"),
      name: stringFlag(ctx, "name"),
      description: stringFlag(ctx, "desc"),
      project_id: stringFlag(ctx, "project"),
    });
    printEpic(ctx, "Updated", await invoke<Epic>(ctx, "update_epic", input));
  },
};

const remove: CommandSpec = {
  name: "delete",
  summary: "Delete an epic; its issues stay, without an epic",
  args: [idArg],
  async run(ctx) {
    const result = await invoke<{ id: string }>(ctx, "delete_epic", { id: arg(ctx, "epic") });
    respond(ctx, result, () => [result.id], () => ctx.out.line(`Deleted epic ${result.id}`));
  },
};

/** `maestro epic …` (inventory §1.6). */
export const epicCommand: CommandSpec = {
  name: "epic",
  summary: "Manage epics (groups of issues in a project)",
  subcommands: [create, list, show, update, remove],
};
