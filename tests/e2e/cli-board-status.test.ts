import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { cliWorld, type CliWorld } from "./cli-harness.ts";

for (const rt of runtimes) {
  const test = suite<{ template: CliWorld; w: CliWorld; project: string }>(`e2e cli board and status (${rt.name})`);
  test.before((ctx) => {
    const t = (ctx.template = cliWorld(rt));
    ctx.project = t.project();
    t.ok(["issue", "create", "Alpha", "--project", ctx.project]);
    t.ok(["issue", "create", "Beta", "--project", ctx.project, "--state", "ready"]);
    t.ok(["issue", "create", "Gamma", "--project", ctx.project, "--state", "done"]);
  });
  test.after((ctx) => ctx.template.cleanup());
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt, ctx.template);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("board prints a counts line and one lane per state", ({ w }) => {
    const out = w.ok(["board"]);
    assert.match(out, /^Backlog: 1 {2}Ready: 1 {2}In progress: 0 {2}In review: 0 {2}Done: 1 {2}Cancelled: 0$/m);
    const lanes = out.split("\n").filter((l) => /^[A-Z ]+$/.test(l) && l !== "");
    assert.equal(lanes, ["BACKLOG", "READY", "IN PROGRESS", "IN REVIEW", "DONE", "CANCELLED"]);
    assert.match(out, /^BACKLOG\n {2}\[DEMO-1\] Alpha$/m);
    assert.match(out, /^IN PROGRESS\n {2}\(empty\)$/m);
  });

  test("board --json has the contract shape; --quiet lists identifiers lane by lane", ({ w, project }) => {
    const board = w.json(["board", "--project", project]);
    assert.is(board.project_id, project);
    assert.is(board.total, 3);
    assert.is(board.counts.ready, 1);
    assert.equal(board.columns.map((c: { state: string }) => c.state), ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"]);
    assert.is(board.columns[0].issues[0].identifier, "DEMO-1");
    assert.is(w.ok(["board", "--quiet"]), "DEMO-1\nDEMO-2\nDEMO-3\n");
  });

  test("board --project limits the board to one project", ({ w }) => {
    const repo2 = path.join(w.dir, "repo2");
    fs.mkdirSync(repo2);
    const other = w.project("Other", repo2);
    w.ok(["issue", "create", "Elsewhere", "--project", other]);
    assert.is(w.ok(["board", "--project", other, "--quiet"]), "OTHE-1\n");
  });

  test("status counts projects, epics and issues by state", ({ w, project }) => {
    w.ok(["epic", "create", "Auth", "--project", project]);
    const status = w.json(["status"]);
    assert.is(status.projects, 1);
    assert.is(status.epics, 1);
    assert.is(status.total, 3);
    assert.is(status.issues.backlog, 1);
    assert.is(status.issues.done, 1);
    const out = w.ok(["status"]);
    assert.match(out, /^Maestro Status\n=+\n/);
    assert.match(out, /^Projects: +1$/m);
    assert.match(out, /^Total Issues: +3$/m);
  });

  test.run();
}
