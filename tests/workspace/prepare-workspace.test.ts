import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { prepareWorkspace, WorkspaceHookError } from "../../lib/workspace/mod.ts";
import { branches, git, makeRepo, rejection, removeTempDirs, tempDir, workspaceConfig, worktrees } from "./git-fixture.ts";

const test = suite("prepareWorkspace");
test.after.each(removeTempDirs);

function setup() {
  const dir = tempDir();
  return { dir, repo: makeRepo(dir), root: path.join(dir, "worktrees") };
}

test("prepareWorkspace creates a worktree on maestro/<identifier> from main", async () => {
  const { repo, root } = setup();
  const ws = await prepareWorkspace(workspaceConfig(root), { project: "Maestro", identifier: "MAE-12", repoPath: repo });
  assert.equal(ws, { path: path.join(root, "maestro", "MAE-12"), branch: "maestro/MAE-12", created: true, baseRef: "main" });
  assert.is(git(ws.path, "rev-parse", "--abbrev-ref", "HEAD"), "maestro/MAE-12");
  assert.is(fs.readFileSync(path.join(ws.path, "README.md"), "utf8"), "hello\n");
  assert.ok(worktrees(repo).includes(ws.path));
});

test("prepareWorkspace reuses the worktree on a second call and keeps its files", async () => {
  const { repo, root } = setup();
  const target = { project: "p", identifier: "MAE-1", repoPath: repo };
  const first = await prepareWorkspace(workspaceConfig(root), target);
  fs.writeFileSync(path.join(first.path, "work.txt"), "in progress\n");
  const second = await prepareWorkspace(workspaceConfig(root), target);
  assert.equal(second, { path: first.path, branch: "maestro/MAE-1", created: false, baseRef: undefined });
  assert.is(fs.readFileSync(path.join(first.path, "work.txt"), "utf8"), "in progress\n");
});

test("prepareWorkspace recreates a worktree whose folder was deleted behind git's back, on the same branch", async () => {
  const { repo, root } = setup();
  const target = { project: "p", identifier: "MAE-2", repoPath: repo };
  const first = await prepareWorkspace(workspaceConfig(root), target);
  fs.rmSync(first.path, { recursive: true, force: true });
  const again = await prepareWorkspace(workspaceConfig(root), target);
  assert.equal(again, { path: first.path, branch: "maestro/MAE-2", created: true, baseRef: undefined });
  assert.is(git(again.path, "rev-parse", "--abbrev-ref", "HEAD"), "maestro/MAE-2");
});

test("prepareWorkspace finds a branch switched behind its back and puts the worktree back on its branch", async () => {
  const { repo, root } = setup();
  const target = { project: "p", identifier: "MAE-3", repoPath: repo };
  const first = await prepareWorkspace(workspaceConfig(root), target);
  git(first.path, "switch", "-q", "-c", "elsewhere");
  const again = await prepareWorkspace(workspaceConfig(root), target);
  assert.is(again.created, false);
  assert.is(git(again.path, "rev-parse", "--abbrev-ref", "HEAD"), "maestro/MAE-3");
});

test("prepareWorkspace checks out a branch that already exists instead of starting a new one", async () => {
  const { repo, root } = setup();
  git(repo, "switch", "-q", "-c", "feature");
  fs.writeFileSync(path.join(repo, "feature.txt"), "f\n");
  git(repo, "add", "feature.txt");
  git(repo, "commit", "-q", "-m", "feature");
  git(repo, "switch", "-q", "main");
  const ws = await prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-2", repoPath: repo, branch: "feature" });
  assert.equal(ws, { path: path.join(root, "p", "MAE-2"), branch: "feature", created: true, baseRef: undefined });
  assert.ok(fs.existsSync(path.join(ws.path, "feature.txt")));
});

test("prepareWorkspace starts from the only local branch when there is no mainline", async () => {
  const { repo, root } = setup();
  git(repo, "branch", "-q", "-m", "main", "work");
  const ws = await prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-3", repoPath: repo });
  assert.is(ws.baseRef, "work");
});

test("prepareWorkspace creates the worktree in an empty folder already at the path", async () => {
  const { repo, root } = setup();
  fs.mkdirSync(path.join(root, "p", "MAE-10"), { recursive: true });
  const ws = await prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-10", repoPath: repo });
  assert.is(ws.created, true);
  assert.ok(fs.existsSync(path.join(ws.path, "README.md")));
});

test("prepareWorkspace starts from the branch origin/HEAD names, or from origin/<branch> when the remote has it", async () => {
  const { dir, repo, root } = setup();
  git(repo, "branch", "-q", "-m", "main", "release");
  git(repo, "branch", "-q", "maestro/MAE-11");
  const clone = path.join(dir, "clone");
  git(dir, "clone", "-q", repo, clone);
  git(clone, "branch", "-q", "main");
  const config = workspaceConfig(root);
  const fromHead = await prepareWorkspace(config, { project: "p", identifier: "MAE-10", repoPath: clone });
  assert.is(fromHead.baseRef, "release");
  const fromRemote = await prepareWorkspace(config, { project: "p", identifier: "MAE-11", repoPath: clone });
  assert.is(fromRemote.baseRef, "origin/maestro/MAE-11");
});

test("prepareWorkspace runs after_create only when it creates the worktree, with WORKSPACE_PATH set", async () => {
  const { dir, repo, root } = setup();
  const log = path.join(dir, "hook.log");
  const config = workspaceConfig(root, { after_create: `echo "$WORKSPACE_PATH $(pwd)" >> "${log}"` });
  const target = { project: "p", identifier: "MAE-4", repoPath: repo };
  const ws = await prepareWorkspace(config, target);
  await prepareWorkspace(config, target);
  assert.is(fs.readFileSync(log, "utf8"), `${ws.path} ${ws.path}\n`);
});

test("prepareWorkspace removes the new worktree and its branch when after_create fails", async () => {
  const { repo, root } = setup();
  const config = workspaceConfig(root, { after_create: "echo installing; echo broken >&2; exit 7" });
  const target = { project: "p", identifier: "MAE-5", repoPath: repo };
  const err = await rejection(prepareWorkspace(config, target));
  assert.instance(err, WorkspaceHookError);
  assert.is((err as WorkspaceHookError).hook, "after_create");
  assert.is(err.code, "unavailable");
  assert.is(err.message, 'Workspace hook "after_create" failed with exit code 7: installing\nbroken');
  const wsPath = path.join(root, "p", "MAE-5");
  assert.not.ok(fs.existsSync(wsPath));
  assert.equal(worktrees(repo), [repo]);
  assert.equal(branches(repo), ["main"]);
  // The next attempt starts clean and runs after_create again.
  const again = await prepareWorkspace(workspaceConfig(root, { after_create: "touch created" }), target);
  assert.is(again.created, true);
  assert.ok(fs.existsSync(path.join(again.path, "created")));
});

test("prepareWorkspace puts a reused worktree back on its branch", async () => {
  const { repo, root } = setup();
  const target = { project: "p", identifier: "MAE-6", repoPath: repo };
  const ws = await prepareWorkspace(workspaceConfig(root), target);
  git(ws.path, "switch", "-q", "--detach");
  const again = await prepareWorkspace(workspaceConfig(root), target);
  assert.is(again.created, false);
  assert.is(git(ws.path, "rev-parse", "--abbrev-ref", "HEAD"), "maestro/MAE-6");
});

test("prepareWorkspace serves two issues of one repository at the same time", async () => {
  const { repo, root } = setup();
  const config = workspaceConfig(root);
  const [a, b] = await Promise.all([
    prepareWorkspace(config, { project: "p", identifier: "MAE-7", repoPath: repo }),
    prepareWorkspace(config, { project: "p", identifier: "MAE-8", repoPath: repo }),
  ]);
  assert.is(a.created && b.created, true);
  assert.equal(worktrees(repo).sort(), [repo, a.path, b.path].sort());
});

test("prepareWorkspace ignores GIT_DIR and GIT_WORK_TREE set by a calling git", async () => {
  const { dir, repo, root } = setup();
  const other = path.join(dir, "other");
  fs.mkdirSync(other);
  git(other, "init", "-q");
  process.env.GIT_DIR = path.join(other, ".git");
  process.env.GIT_WORK_TREE = other;
  try {
    const ws = await prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-9", repoPath: repo });
    assert.is(ws.created, true);
  } finally {
    delete process.env.GIT_DIR;
    delete process.env.GIT_WORK_TREE;
  }
  assert.equal(worktrees(repo).length, 2);
});

test.run();
