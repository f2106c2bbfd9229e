import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { assertFails, cliWorld, type CliWorld } from "./cli-harness.ts";

for (const rt of runtimes) {
  const test = suite<{ template: CliWorld; w: CliWorld; project: string }>(`e2e cli blockers (${rt.name})`);
  test.before((ctx) => {
    ctx.template = cliWorld(rt);
    ctx.project = ctx.template.project();
    for (const title of ["Schema", "API", "UI"]) ctx.template.ok(["issue", "create", title, "--project", ctx.project]);
  });
  test.after((ctx) => ctx.template.cleanup());
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt, ctx.template);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("a blocked issue cannot move to in_progress until its blocker is done", ({ w }) => {
    assert.is(w.ok(["issue", "block", "DEMO-2", "DEMO-1"]), "Updated blockers for DEMO-2: DEMO-1\n");
    const r = w.run(["issue", "move", "DEMO-2", "in_progress"]);
    assertFails(r, 2, /"DEMO-2".*in_progress.*blocked by "DEMO-1"/);
    assert.is(w.json(["issue", "show", "DEMO-2"]).state, "backlog");
    assert.is(w.ok(["issue", "list", "--blocked", "--quiet"]), "DEMO-2\n");
    w.ok(["issue", "move", "DEMO-1", "done"]);
    assert.is(w.ok(["issue", "move", "DEMO-2", "in_progress"]), "Moved DEMO-2 to in_progress\n");
    assert.is(w.ok(["issue", "list", "--blocked", "--quiet"]), "");
  });

  test("blockers set replaces, unblock removes some, blockers clear removes all", ({ w }) => {
    w.ok(["issue", "blockers", "set", "DEMO-3", "DEMO-1", "DEMO-2"]);
    assert.equal(w.json(["issue", "show", "DEMO-3"]).blocked_by.sort(), ["DEMO-1", "DEMO-2"]);
    const after = w.json(["issue", "unblock", "DEMO-3", "DEMO-1"]);
    assert.equal(after.blocked_by, ["DEMO-2"]);
    assert.is(after.is_blocked, true);
    assert.is(w.ok(["issue", "blockers", "clear", "DEMO-3"]), "Updated blockers for DEMO-3: none\n");
    assert.equal(w.json(["issue", "show", "DEMO-3"]).blocked_by, []);
    assertFails(w.run(["issue", "unblock", "DEMO-3"]), 2, /Missing argument <blockers>/);
  });

  test("issue create --blocked-by validates blockers; an unknown blocker is refused", ({ w, project }) => {
    const issue = w.json(["issue", "create", "Docs", "--project", project, "--blocked-by", "DEMO-1,DEMO-2"]);
    assert.equal(issue.blocked_by.sort(), ["DEMO-1", "DEMO-2"]);
    assert.is(issue.is_blocked, true);
    const r = w.run(["issue", "block", "DEMO-1", "DEMO-99"]);
    assert.ok(r.code === 2 || r.code === 3, r.stderr);
    assertFails(r, r.code, /DEMO-99/);
  });

  test.run();
}
