import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { assertFails, cliWorld, type CliWorld } from "./cli-harness.ts";

for (const rt of runtimes) {
  // Each test starts from a copy of a database holding project "Demo" (no epics, no issues).
  const test = suite<{ template: CliWorld; w: CliWorld; id: string }>(`e2e cli projects and epics (${rt.name})`);
  test.before((ctx) => {
    ctx.template = cliWorld(rt);
    ctx.id = ctx.template.project();
  });
  test.after((ctx) => ctx.template.cleanup());
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt, ctx.template);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("project create resolves a relative --repo against the cwd and defaults the workflow", ({ w }) => {
    const out = w.ok(["project", "create", "Second", "--repo", "repo", "--desc", "the second"], { cwd: w.dir });
    const id = /^Created project (proj_\S+)\n$/.exec(out)?.[1];
    assert.ok(id, out);
    const shown = w.json(["project", "show", id!]);
    assert.is(shown.project.repo_path, w.repo);
    assert.is(shown.project.workflow_path, path.join(w.repo, "WORKFLOW.md"));
    assert.is(shown.project.description, "the second");
    assert.is(shown.project.state, "stopped");
    assert.equal(shown.epics, []);
    assert.equal(shown.issues.items, []);
  });

  test("project create without --repo exits 2 naming the flag", ({ w }) => {
    assertFails(w.run(["project", "create", "Demo"]), 2, /--repo/);
  });

  test("a second project on the same repository is refused as a conflict", ({ w, template }) => {
    assertFails(w.run(["project", "create", "Other", "--repo", template.repo]), 1, /repo/i);
  });

  test("project list prints a table, ids with --quiet and a page with --json", ({ w, id, template }) => {
    const table = w.ok(["project", "ls"]).split("\n");
    assert.match(table[0]!, /^ID\s+NAME\s+STATE\s+TOTAL\s+ACTIVE\s+REPO$/);
    assert.match(table[1]!, new RegExp(`^${id}\\s+Demo\\s+stopped\\s+0\\s+0\\s+${template.repo}$`));
    assert.match(w.ok(["project", "list", "--wide"]).split("\n")[0]!, /WORKFLOW\s+DESCRIPTION$/);
    assert.is(w.ok(["project", "list", "--quiet"]), `${id}\n`);
    const page = w.json(["project", "list"]);
    assert.is(page.total, 1);
    for (const key of ["id", "name", "state", "repo_path", "workflow_path", "counts", "total_count", "active_count", "created_at"]) {
      assert.ok(key in page.items[0], `missing ${key}`);
    }
  });

  test("project update changes only the flags given", ({ w, id, template }) => {
    assert.is(w.ok(["project", "update", id, "--name", "Renamed"]), `Updated project ${id}\n`);
    const after = w.json(["project", "update", "renamed", "--desc", "now described"]);
    assert.is(after.name, "Renamed");
    assert.is(after.description, "now described");
    assert.is(after.repo_path, template.repo);
    assert.is(after.workflow_path, path.join(template.repo, "WORKFLOW.md"));
  });

  test("project start and stop set the project state", ({ w, id }) => {
    assert.is(w.json(["project", "start", id]).state, "running");
    assert.is(w.ok(["project", "stop", id]), `Stopped project ${id}\n`);
    assert.is(w.json(["project", "list"]).items[0].state, "stopped");
  });

  test("project show prints fields, epics and issues; an unknown project exits 3", ({ w, id }) => {
    w.ok(["epic", "create", "Auth", "--project", id]);
    w.ok(["issue", "create", "First task", "--project", id]);
    const out = w.ok(["project", "show", id]);
    assert.match(out, new RegExp(`^Project: +Demo \\(${id}\\)$`, "m"));
    assert.match(out, /^Repo: /m);
    assert.match(out, /^ID\s+NAME\s+PROJECT\s+TOTAL\s+ACTIVE$/m);
    assert.match(out, /^DEMO-1\s+backlog\s+0\s+First task$/m);
    assertFails(w.run(["project", "show", "proj_missing"]), 3, /"proj_missing"/);
  });

  test("project delete removes its epics and issues", ({ w, id }) => {
    w.ok(["issue", "create", "First task", "--project", id]);
    assert.is(w.ok(["project", "delete", id]), `Deleted project ${id}\n`);
    assertFails(w.run(["issue", "show", "DEMO-1"]), 3, /"DEMO-1"/);
    assert.is(w.ok(["project", "list", "--quiet"]), "");
  });

  test("epic create, list, show, update and delete; deleting keeps its issues", ({ w, id }) => {
    const out = w.ok(["epic", "create", "Auth", "--project", "demo", "--desc", "login work"]);
    const epic = /^Created epic (\S+)\n$/.exec(out)?.[1];
    assert.ok(epic, out);
    w.ok(["issue", "create", "Login form", "--project", id, "--epic", epic!]);
    const list = w.ok(["epic", "list", "--project", id]).split("\n");
    assert.match(list[0]!, /^ID\s+NAME\s+PROJECT\s+TOTAL\s+ACTIVE$/);
    assert.match(list[1]!, new RegExp(`^${epic}\\s+Auth\\s+Demo\\s+1\\s+0$`));
    const shown = w.json(["epic", "show", epic!]);
    assert.is(shown.epic.name, "Auth");
    assert.is(shown.project.id, id);
    assert.is(shown.issues.items[0].identifier, "DEMO-1");
    assert.match(w.ok(["epic", "show", epic!]), /^DEMO-1\s+backlog/m);
    const updated = w.json(["epic", "update", epic!, "--desc", "sign-in work"]);
    assert.is(updated.name, "Auth");
    assert.is(updated.description, "sign-in work");
    assert.is(w.ok(["epic", "delete", epic!]), `Deleted epic ${epic}\n`);
    assert.is(w.json(["issue", "show", "DEMO-1"]).epic_id, null);
    assertFails(w.run(["epic", "show", epic!]), 3, new RegExp(`"${epic}"`));
  });

  test("epic create without --project exits 2 naming the flag", ({ w }) => {
    assertFails(w.run(["epic", "create", "Auth"]), 2, /--project/);
  });

  test.run();
}
