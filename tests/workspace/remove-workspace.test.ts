import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { prepareWorkspace, removeWorkspace, WorkspaceHookError } from "../../lib/workspace/mod.ts";
import { branches, makeRepo, rejection, removeTempDirs, tempDir, workspaceConfig, worktrees } from "./git-fixture.ts";

const test = suite("removeWorkspace");
test.after.each(removeTempDirs);

function setup() {
  const dir = tempDir();
  const repo = makeRepo(dir);
  return { dir, repo, root: path.join(dir, "root"), target: { project: "p", identifier: "MAE-1", repoPath: repo } };
}

test("removeWorkspace runs before_remove, removes the worktree and keeps the branch", async () => {
  const { dir, repo, root, target } = setup();
  const log = path.join(dir, "hook.log");
  const config = workspaceConfig(root, { before_remove: `echo "$WORKSPACE_PATH" > "${log}"` });
  const ws = await prepareWorkspace(config, target);
  fs.writeFileSync(path.join(ws.path, "untracked.txt"), "x\n");
  await removeWorkspace(config, target);
  assert.not.ok(fs.existsSync(ws.path));
  assert.equal(worktrees(repo), [repo]);
  assert.equal(branches(repo).sort(), ["maestro/MAE-1", "main"]);
  assert.is(fs.readFileSync(log, "utf8"), `${ws.path}\n`);
});

test("removeWorkspace keeps the worktree when before_remove fails", async () => {
  const { repo, root, target } = setup();
  const config = workspaceConfig(root, { before_remove: "echo cannot; exit 2" });
  const ws = await prepareWorkspace(config, target);
  const err = await rejection(removeWorkspace(config, target));
  assert.instance(err, WorkspaceHookError);
  assert.is((err as WorkspaceHookError).hook, "before_remove");
  assert.is(err.message, 'Workspace hook "before_remove" failed with exit code 2: cannot');
  assert.ok(fs.existsSync(path.join(ws.path, "README.md")));
  assert.equal(worktrees(repo), [repo, ws.path]);
});

test("removeWorkspace is done when nothing is at the path, also a second time", async () => {
  const { root, target } = setup();
  const config = workspaceConfig(root, { before_remove: "exit 1" });
  await removeWorkspace(config, target);
  await prepareWorkspace(workspaceConfig(root), target);
  await removeWorkspace(workspaceConfig(root), target);
  await removeWorkspace(config, target);
});

test("removeWorkspace deletes the folder itself when git refuses to remove the worktree", async () => {
  const { repo, root, target } = setup();
  const ws = await prepareWorkspace(workspaceConfig(root), target);
  // Without its gitdir record the repository no longer lists the worktree, so `git worktree remove` refuses it.
  fs.rmSync(path.join(repo, ".git", "worktrees", "MAE-1", "gitdir"));
  await removeWorkspace(workspaceConfig(root), target);
  assert.not.ok(fs.existsSync(ws.path));
  assert.not.ok(fs.existsSync(path.join(repo, ".git", "worktrees", "MAE-1")), "git worktree prune ran");
  assert.ok(branches(repo).includes("maestro/MAE-1"));
});

test("removeWorkspace refuses a folder whose .git no longer points at the repository", async () => {
  const { repo, root, target } = setup();
  const ws = await prepareWorkspace(workspaceConfig(root), target);
  fs.rmSync(path.join(ws.path, ".git"));
  fs.writeFileSync(path.join(ws.path, ".git"), "gitdir: /nowhere\n");
  // Not a worktree of the repository any more: refused, not deleted.
  const err = await rejection(removeWorkspace(workspaceConfig(root), target));
  assert.is(err.code, "conflict");
  assert.ok(fs.existsSync(ws.path));
  assert.equal(worktrees(repo).length, 2);
});

test("removeWorkspace refuses a folder that is not a worktree of the repository and leaves it", async () => {
  const { root, target } = setup();
  const wsPath = path.join(root, "p", "MAE-1");
  fs.mkdirSync(wsPath, { recursive: true });
  fs.writeFileSync(path.join(wsPath, "keep.txt"), "mine\n");
  const err = await rejection(removeWorkspace(workspaceConfig(root, { before_remove: "touch ran" }), target));
  assert.is(err.code, "conflict");
  assert.is(err.message, `Cannot remove workspace "${wsPath}": the folder is not a git worktree of "${target.repoPath}"`);
  assert.equal(fs.readdirSync(wsPath), ["keep.txt"]);
});

test("removeWorkspace never follows a symlink out of the root", async () => {
  const { dir, root, target } = setup();
  const outside = path.join(dir, "outside");
  fs.mkdirSync(path.join(outside, "MAE-1"), { recursive: true });
  fs.writeFileSync(path.join(outside, "MAE-1", "precious.txt"), "x\n");
  fs.mkdirSync(root);
  fs.symlinkSync(outside, path.join(root, "p"));
  const err = await rejection(removeWorkspace(workspaceConfig(root), target));
  assert.is(err.code, "invalid_input");
  assert.match(err.message, "outside the workspace root");
  assert.ok(fs.existsSync(path.join(outside, "MAE-1", "precious.txt")));
});

test.run();
