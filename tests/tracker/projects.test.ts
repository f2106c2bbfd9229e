import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker projects");

test("create_project starts stopped with workflow_path defaulting to <repo>/WORKFLOW.md", () =>
  withFixture((fx) => {
    const repo = path.join(fx.dir, "repo");
    const p = fx.op("create_project", { name: "Demo", description: "A demo", repo_path: `${repo}/` });
    assert.is(p.state, "stopped");
    assert.is(p.repo_path, repo);
    assert.is(p.workflow_path, `${repo}/WORKFLOW.md`);
    assert.is(p.permission_profile, "default");
    assert.is(p.description, "A demo");
    assert.is(p.created_at, "2026-03-02T09:00:00.000Z");
    assert.match(p.id, /^proj_/);
  }));

test("create_project reads an empty workflow_path as the default, as HTTP clients send it", () =>
  withFixture((fx) => {
    const repo = path.join(fx.dir, "repo");
    assert.is(fx.op("create_project", { name: "Demo", repo_path: repo, workflow_path: "" }).workflow_path, `${repo}/WORKFLOW.md`);
  }));

test("create_project refuses a relative repo_path and names the field", () =>
  withFixture((fx) => {
    throwsCode(() => fx.op("create_project", { name: "X", repo_path: "relative/dir" }), "invalid_input",
      /Invalid "repo_path": expected an absolute path, got "relative\/dir"/);
    throwsCode(() => fx.op("create_project", { name: "X" }), "invalid_input", /Missing required field "repo_path"/);
    throwsCode(() => fx.op("create_project", { name: "  ", repo_path: "/r" }), "invalid_input", /Invalid "name"/);
  }));

test("create_project refuses a repo another project owns with conflict naming that project", () =>
  withFixture((fx) => {
    fx.op("create_project", { name: "First", repo_path: "/srv/repo" });
    throwsCode(() => fx.op("create_project", { name: "Second", repo_path: "/srv/repo/" }), "conflict",
      /Cannot create project "Second": repo "\/srv\/repo" already belongs to project "First"/);
  }));

test("update_project changes only the given fields and the default workflow follows the repo", () =>
  withFixture((fx) => {
    const p = fx.op("create_project", { name: "Demo", repo_path: "/a" });
    fx.tick();
    const renamed = fx.op("update_project", { id: p.id, name: "Renamed" });
    assert.is(renamed.name, "Renamed");
    assert.is(renamed.repo_path, "/a");
    assert.is(renamed.updated_at, "2026-03-02T09:00:01.000Z");
    const moved = fx.op("update_project", { id: p.id, repo_path: "/b" });
    assert.is(moved.workflow_path, "/b/WORKFLOW.md");
    const custom = fx.op("update_project", { id: p.id, workflow_path: "/etc/flow.md" });
    assert.is(fx.op("update_project", { id: p.id, repo_path: "/c" }).workflow_path, "/etc/flow.md");
    assert.is(custom.name, "Renamed");
    assert.is(fx.op("update_project", { id: p.id, permission_profile: "full_access" }).permission_profile, "full-access");
  }));

test("update_project with no fields is refused, and an unknown project is not_found", () =>
  withFixture((fx) => {
    const p = fx.project();
    throwsCode(() => fx.op("update_project", { id: p.id }), "invalid_input", /No updates specified/);
    throwsCode(() => fx.op("update_project", { id: "proj_nope", name: "x" }), "not_found", /Project "proj_nope" not found/);
    fx.op("create_project", { name: "Other", repo_path: "/taken" });
    throwsCode(() => fx.op("update_project", { id: p.id, repo_path: "/taken" }), "conflict", /already belongs to project "Other"/);
  }));

test("projects are found by exact name, case-insensitively, and an ambiguous name is refused", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    assert.is(fx.op("get_project", { id: "demo" }).project.id, p.id);
    fx.project("DEMO");
    throwsCode(() => fx.op("get_project", { id: "Demo" }), "invalid_input", /Project name "Demo" matches 2 projects/);
  }));

test("set_project_state starts and stops a project and refuses other states", () =>
  withFixture((fx) => {
    const p = fx.project();
    assert.is(fx.op("set_project_state", { id: p.id, state: "running" }).state, "running");
    assert.is(fx.op("set_project_state", { id: p.id, state: "stopped" }).state, "stopped");
    throwsCode(() => fx.op("set_project_state", { id: p.id, state: "paused" }), "invalid_input",
      /Invalid "state": expected one of stopped, running, got "paused"/);
  }));

test("list_projects pages by name with counts of standard issues only", () =>
  withFixture((fx) => {
    const b = fx.project("Beta");
    fx.project("alpha");
    fx.project("Gamma");
    fx.issue(b.id, "one");
    fx.issue(b.id, "two", { state: "ready" });
    fx.issue(b.id, "three", { state: "done" });
    fx.issue(b.id, "schedule", { issue_type: "recurring", cron: "0 9 * * *" });
    fx.store.write((tx) => tx.run(`UPDATE issues SET total_tokens_spent = 100`));
    const page = fx.op("list_projects", { limit: 2 });
    assert.equal(page.items.map((p: { name: string }) => p.name), ["alpha", "Beta"]);
    assert.is(page.total, 3);
    const beta = page.items[1];
    assert.equal(beta.counts, { backlog: 1, ready: 1, in_progress: 0, in_review: 0, done: 1, cancelled: 0 });
    assert.is(beta.total_count, 3);
    assert.is(beta.active_count, 1);
    assert.is(beta.terminal_count, 1);
    assert.is(beta.total_tokens_spent, 400);
    assert.equal(fx.op("list_projects", { offset: 2 }).items.map((p: { name: string }) => p.name), ["Gamma"]);
  }));

test("get_project returns the summary, epics by name and the 200 most recently updated issues", () =>
  withFixture((fx) => {
    const p = fx.project();
    fx.op("create_epic", { project_id: p.id, name: "Zeta" });
    fx.op("create_epic", { project_id: p.id, name: "alpha" });
    const first = fx.issue(p.id, "first");
    const second = fx.issue(p.id, "second");
    const view = fx.op("get_project", { id: p.id });
    assert.equal(view.epics.map((e: { name: string }) => e.name), ["alpha", "Zeta"]);
    assert.equal(view.issues.items.map((i: { id: string }) => i.id), [second.id, first.id]);
    assert.is(view.issues.limit, 200);
    assert.is(view.issues.total, 2);
    assert.is(view.project.total_count, 2);
  }));

test("delete_project removes its epics, issues, comments and asset files after the commit", () =>
  withFixture((fx) => {
    const p = fx.project();
    const other = fx.project("Other");
    fx.op("create_epic", { project_id: p.id, name: "E" });
    const issue = fx.issue(p.id);
    const kept = fx.issue(other.id);
    const asset = fx.op("attach_issue_asset", { identifier: issue.identifier, path: fx.file("a.txt", "hello") });
    fx.op("create_issue_comment", { identifier: issue.identifier, body: "hi", attachment_paths: [fx.file("b.txt", "x")] });
    const assetFile = path.join(fx.assetsDir, "issues", issue.id, `${asset.id}.txt`);
    assert.ok(fs.existsSync(assetFile));
    assert.equal(fx.op("delete_project", { id: p.id }), { id: p.id, deleted: true });
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "issues", issue.id)));
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "comments", issue.id)));
    throwsCode(() => fx.op("get_issue", { identifier: issue.identifier }), "not_found");
    const counts = fx.store.read((q) =>
      q.get<Record<string, number>>(`SELECT (SELECT COUNT(*) FROM epics) AS epics, (SELECT COUNT(*) FROM issues) AS issues,
        (SELECT COUNT(*) FROM issue_comments) AS comments, (SELECT COUNT(*) FROM issue_assets) AS assets`)
    );
    assert.equal(counts, { epics: 0, issues: 1, comments: 0, assets: 0 });
    assert.is(fx.op("get_issue", { identifier: kept.identifier }).id, kept.id);
  }));

test.run();
