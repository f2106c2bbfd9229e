import type { Page, Project, ProjectSummary, ProjectView } from "../../tracker/mod.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { arg, intFlag, pathFlag, present, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { printIssueTable } from "../render/issues.ts";
import { printEpicTable, printProjectFields, printProjectTable } from "../render/projects.ts";
import { respond } from "../respond.ts";

const idArg = { name: "project", description: "project id (proj_…) or exact name", required: true };

function printProject(ctx: CommandContext, verb: string, project: Project): void {
  respond(ctx, project, () => [project.id], () => ctx.out.line(`${verb} project ${project.id}`));
}

async function setState(ctx: CommandContext, state: "running" | "stopped", verb: string): Promise<void> {
  const project = await invoke<Project>(ctx, "set_project_state", { id: arg(ctx, "project"), state });
  printProject(ctx, verb, project);
}

const create: CommandSpec = {
  name: "create",
  summary: "Create a project for a repository",
  details: "The repository and workflow paths are made absolute against the current directory; the workflow defaults to <repo>/WORKFLOW.md.",
  args: [{ name: "name", required: true }],
  flags: [
    { name: "repo", type: "string", value: "PATH", description: "repository path", required: true },
    { name: "desc", type: "string", value: "TEXT", description: "description" },
    { name: "workflow", type: "string", value: "PATH", description: "WORKFLOW.md path", defaultText: "<repo>/WORKFLOW.md" },
  ],
  async run(ctx) {
    const input = present({
      name: arg(ctx, "name"),
      description: stringFlag(ctx, "desc"),
      repo_path: pathFlag(ctx, "repo"),
      workflow_path: pathFlag(ctx, "workflow"),
    });
    printProject(ctx, "Created", await invoke<Project>(ctx, "create_project", input));
  },
};

const list: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "List projects with their issue counts",
  flags: [
    { name: "limit", type: "int", description: "most projects to list" },
    { name: "offset", type: "int", description: "projects to skip" },
  ],
  async run(ctx) {
    const page = await invoke<Page<ProjectSummary>>(ctx, "list_projects", present({ limit: intFlag(ctx, "limit"), offset: intFlag(ctx, "offset") }));
    respond(ctx, page, () => page.items.map((p) => p.id), () => printProjectTable(ctx.out, page.items, ctx.global.wide));
  },
};

const show: CommandSpec = {
  name: "show",
  summary: "Show a project, its epics and its issues",
  args: [idArg],
  async run(ctx) {
    const view = await invoke<ProjectView>(ctx, "get_project", { id: arg(ctx, "project") });
    respond(ctx, view, () => [view.project.id], () => {
      printProjectFields(ctx.out, view.project);
      if (view.epics.length > 0) {
        ctx.out.line();
        printEpicTable(ctx.out, view.epics, ctx.global.wide);
      }
      ctx.out.line();
      if (view.issues.items.length === 0) ctx.out.line("No issues");
      else printIssueTable(ctx.out, view.issues.items, ctx.global.wide);
    });
  },
};

const update: CommandSpec = {
  name: "update",
  summary: "Change a project's name, description, repository or workflow",
  details: "Only the flags given are changed.",
  args: [idArg],
  flags: [
    { name: "name", type: "string", value: "NAME", description: "new name" },
    { name: "desc", type: "string", value: "TEXT", description: "new description" },
    { name: "repo", type: "string", value: "PATH", description: "new repository path" },
    { name: "workflow", type: "string", value: "PATH", description: "new WORKFLOW.md path" },
  ],
  async run(ctx) {
    const input = present({
      id: arg(ctx, "project"),
      name: stringFlag(ctx, "name"),
      description: stringFlag(ctx, "desc"),
      repo_path: pathFlag(ctx, "repo"),
      workflow_path: pathFlag(ctx, "workflow"),
    });
    printProject(ctx, "Updated", await invoke<Project>(ctx, "update_project", input));
  },
};

const remove: CommandSpec = {
  name: "delete",
  summary: "Delete a project with its epics, issues, comments and assets",
  args: [idArg],
  async run(ctx) {
    const result = await invoke<{ id: string }>(ctx, "delete_project", { id: arg(ctx, "project") });
    respond(ctx, result, () => [result.id], () => ctx.out.line(`Deleted project ${result.id}`));
  },
};

const start: CommandSpec = {
  name: "start",
  summary: "Mark a project as running so the orchestrator picks up its issues",
  args: [idArg],
  run: (ctx) => setState(ctx, "running", "Started"),
};

const stop: CommandSpec = {
  name: "stop",
  summary: "Mark a project as stopped",
  args: [idArg],
  run: (ctx) => setState(ctx, "stopped", "Stopped"),
};

/** `maestro project …` (inventory §1.5). */
export const projectCommand: CommandSpec = {
  name: "project",
  summary: "Manage projects (one per repository)",
  subcommands: [create, list, show, update, remove, start, stop],
};
