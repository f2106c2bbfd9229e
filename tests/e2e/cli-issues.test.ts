import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { assertFails, cliWorld, type CliWorld } from "./cli-harness.ts";

for (const rt of runtimes) {
  const test = suite<{ template: CliWorld; w: CliWorld; project: string }>(`e2e cli issues (${rt.name})`);
  test.before((ctx) => {
    ctx.template = cliWorld(rt);
    ctx.project = ctx.template.project();
  });
  test.after((ctx) => ctx.template.cleanup());
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt, ctx.template);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("issue create prints the identifier and stores trimmed labels, priority and description", ({ w, project }) => {
    const out = w.ok(["issue", "create", "Add login", "--project", project, "--desc", "line one\nline two", "--labels", " ui , auth,ui,", "--priority", "2"]);
    assert.is(out, "Created issue DEMO-1\n");
    const issue = w.json(["issue", "show", "DEMO-1"]);
    assert.is(issue.title, "Add login");
    assert.is(issue.state, "backlog");
    assert.is(issue.priority, 2);
    assert.equal(issue.labels, ["auth", "ui"]);
    assert.is(issue.description, "line one\nline two");
    assert.is(w.ok(["issue", "create", "Second", "--project", "Demo", "--quiet"]), "DEMO-2\n");
  });

  test("issue create --json returns the issue detail shape", ({ w, project }) => {
    const issue = w.json(["issue", "create", "Nightly", "--project", project, "--type", "recurring", "--cron", "0 3 * * *", "--agent", "bot", "--state", "ready"]);
    for (const key of ["id", "identifier", "project_id", "project_name", "epic_id", "title", "state", "workflow_phase", "issue_type", "priority", "labels", "blocked_by", "is_blocked", "description", "agent_name", "agent_prompt", "cron", "enabled", "assets", "comment_count", "created_at", "updated_at"]) {
      assert.ok(key in issue, `missing ${key}`);
    }
    assert.is(issue.identifier, "DEMO-1");
    assert.is(issue.issue_type, "recurring");
    assert.is(issue.cron, "0 3 * * *");
    assert.is(issue.agent_name, "bot");
    assert.is(issue.state, "ready");
    assert.is(issue.epic_id, null);
  });

  test("issue create without --project exits 2 naming the flag", ({ w }) => {
    assertFails(w.run(["issue", "create", "Orphan"]), 2, /--project/);
  });

  test("issue list prints the table, filters, sorts, pages and --wide adds columns", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project, "--labels", "ui", "--priority", "3"]);
    w.ok(["issue", "create", "Beta", "--project", project, "--labels", "ui,api", "--priority", "1"]);
    w.ok(["issue", "create", "Gamma", "--project", project, "--state", "ready"]);
    const lines = w.ok(["issue", "ls", "--sort", "identifier_asc"]).trimEnd().split("\n");
    assert.match(lines[0]!, /^IDENTIFIER\s+STATE\s+PRIORITY\s+TITLE$/);
    assert.match(lines[1]!, /^DEMO-1\s+backlog\s+3\s+Alpha$/);
    assert.is(lines.length, 4);
    assert.match(w.ok(["issue", "list", "--wide"]).split("\n")[0]!, /^IDENTIFIER\s+TYPE\s+STATE\s+PRIORITY\s+PROJECT\s+EPIC\s+BLOCKED\s+LABELS\s+TITLE$/);
    assert.is(w.ok(["issue", "list", "--state", "ready", "--quiet"]), "DEMO-3\n");
    assert.is(w.ok(["issue", "list", "--labels", "ui,api", "--quiet"]), "DEMO-2\n");
    assert.is(w.ok(["issue", "list", "--search", "gam", "--quiet"]), "DEMO-3\n");
    assert.is(w.ok(["issue", "list", "--project-name", "DEMO", "--sort", "priority_asc", "--quiet"]), "DEMO-2\nDEMO-1\nDEMO-3\n");
    const page = w.json(["issue", "list", "--sort", "identifier_desc", "--limit", "1", "--offset", "1"]);
    assert.is(page.total, 3);
    assert.is(page.limit, 1);
    assert.is(page.offset, 1);
    assert.is(page.sort, "identifier_desc");
    assert.is(page.items[0].identifier, "DEMO-2");
  });

  test("issue list with an unknown sort exits 2 naming the field", ({ w }) => {
    assertFails(w.run(["issue", "list", "--sort", "sideways"]), 2, /sort/);
  });

  test("issue update changes only the flags given and --clear-* flags remove values", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project, "--labels", "ui", "--priority", "3", "--agent", "bot", "--desc", "keep me"]);
    assert.is(w.ok(["issue", "update", "DEMO-1", "--title", "Alpha 2", "--branch", "feat/a", "--pr-url", "https://example.com/pr/1"]), "Updated issue DEMO-1\n");
    let issue = w.json(["issue", "show", "DEMO-1"]);
    assert.is(issue.title, "Alpha 2");
    assert.is(issue.branch_name, "feat/a");
    assert.is(issue.pr_url, "https://example.com/pr/1");
    assert.is(issue.description, "keep me");
    assert.equal(issue.labels, ["ui"]);
    issue = w.json(["issue", "update", "DEMO-1", "--clear-labels", "--clear-priority", "--clear-agent", "--clear-branch", "--clear-pr"]);
    assert.equal(issue.labels, []);
    assert.is(issue.priority, 0);
    assert.is(issue.agent_name, null);
    assert.is(issue.branch_name, null);
    assert.is(issue.pr_url, null);
    assert.is(issue.title, "Alpha 2");
  });

  test("issue update without flags, or with a value and its --clear flag, exits 2", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project]);
    assertFails(w.run(["issue", "update", "DEMO-1"]), 2, /No updates specified/);
    assertFails(w.run(["issue", "update", "DEMO-1", "--labels", "a", "--clear-labels"]), 2, /--labels.*--clear-labels/);
  });

  test("issue move changes the state (mv alias, any-case identifier) and rejects unknown states", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project]);
    assert.is(w.ok(["issue", "move", "demo-1", "ready"]), "Moved DEMO-1 to ready\n");
    assert.is(w.json(["issue", "mv", "DEMO-1", "done"]).state, "done");
    assertFails(w.run(["issue", "move", "DEMO-1", "sideways"]), 2, /state/);
  });

  test("issue show prints fields then comments", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project, "--desc", "first\nsecond", "--labels", "ui,api"]);
    w.ok(["issue", "comments", "add", "DEMO-1", "--body", "Looks good"]);
    const out = w.ok(["issue", "show", "DEMO-1"]);
    assert.match(out, /^Identifier: +DEMO-1$/m);
    assert.match(out, /^State: +backlog$/m);
    assert.match(out, /^Labels: +api, ui$/m);
    assert.match(out, /^Description: +first\n +second$/m);
    assert.match(out, new RegExp(`^Project: +Demo \\(${project}\\)$`, "m"));
    assert.ok(out.indexOf("Comments (1)") > out.indexOf("Identifier:"), out);
    assert.match(out, /^\[cmt_\S+\] CLI \(source\) /m);
    assert.match(out, /^ {2}Looks good$/m);
    assert.is(w.ok(["issue", "show", "DEMO-1", "--quiet"]), "DEMO-1\n");
  });

  test("issue delete removes it; an unknown issue exits 3 with one line", ({ w, project }) => {
    w.ok(["issue", "create", "Alpha", "--project", project]);
    assert.is(w.ok(["issue", "delete", "DEMO-1"]), "Deleted issue DEMO-1\n");
    assertFails(w.run(["issue", "show", "DEMO-1"]), 3, /"DEMO-1"/);
    assertFails(w.run(["issue", "move", "NOPE-9", "done"]), 3, /"NOPE-9"/);
  });

  test("usage errors exit 2 with the flag or argument named", ({ w }) => {
    assertFails(w.run(["issue", "list", "--frobnicate"]), 2, /Unknown flag "--frobnicate"/);
    assertFails(w.run(["issue", "create", "X", "--project", "p", "--priority", "high"]), 2, /--priority.*"high"/);
    assertFails(w.run(["issue", "move", "DEMO-1"]), 2, /Missing argument <state>/);
    assertFails(w.run(["issue", "list", "--limit"]), 2, /--limit needs a value/);
  });

  test.run();
}
