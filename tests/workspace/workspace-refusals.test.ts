import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { prepareWorkspace } from "../../lib/workspace/mod.ts";
import { branches, makeRepo, rejection, removeTempDirs, tempDir, workspaceConfig, worktrees } from "./git-fixture.ts";

const test = suite("prepareWorkspace refusals");
test.after.each(removeTempDirs);

test("prepareWorkspace keeps path-like identifiers and project names inside the root", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  const root = path.join(dir, "root");
  const ws = await prepareWorkspace(workspaceConfig(root), { project: "../../Evil/..", identifier: "../../etc", repoPath: repo, branch: "safe" });
  assert.is(ws.path, path.join(root, "evil", ".._.._etc"));
  assert.ok(fs.statSync(ws.path).isDirectory());
  assert.equal(fs.readdirSync(dir).sort(), ["repo", "root"]);
});

test("prepareWorkspace refuses a project folder that is a symlink out of the root", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  const root = path.join(dir, "root");
  const outside = path.join(dir, "outside");
  fs.mkdirSync(outside);
  fs.mkdirSync(root);
  fs.symlinkSync(outside, path.join(root, "p"));
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-1", repoPath: repo }));
  assert.is(err.code, "invalid_input");
  assert.match(err.message, `"${path.join(root, "p")}" resolves to "${outside}", outside the workspace root`);
  assert.equal(fs.readdirSync(outside), []);
  assert.equal(worktrees(repo), [repo]);
});

test("prepareWorkspace refuses an issue folder that is a symlink out of the root", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  const root = path.join(dir, "root");
  fs.mkdirSync(path.join(root, "p"), { recursive: true });
  fs.symlinkSync(dir, path.join(root, "p", "MAE-1"));
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-1", repoPath: repo }));
  assert.is(err.code, "invalid_input");
  assert.match(err.message, "outside the workspace root");
});

test("prepareWorkspace refuses a folder that is not a git repository", async () => {
  const dir = tempDir();
  const notRepo = path.join(dir, "plain");
  fs.mkdirSync(notRepo);
  const root = path.join(dir, "root");
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-1", repoPath: notRepo }));
  assert.is(err.code, "invalid_input");
  assert.is(err.message, `Cannot prepare workspace "${path.join(root, "p", "MAE-1")}": "${notRepo}" is not a git repository`);
  assert.ok(err.hint?.includes("git init"));
  assert.equal(fs.readdirSync(notRepo), []);
});

test("prepareWorkspace refuses a repository path that does not exist", async () => {
  const dir = tempDir();
  const err = await rejection(prepareWorkspace(workspaceConfig(path.join(dir, "root")), { project: "p", identifier: "MAE-1", repoPath: path.join(dir, "nope") }));
  assert.is(err.code, "invalid_input");
  assert.match(err.message, `repository "${path.join(dir, "nope")}" is not an existing absolute folder`);
});

test("prepareWorkspace refuses a repository without commits", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir, { empty: true });
  const root = path.join(dir, "root");
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-1", repoPath: repo }));
  assert.is(err.code, "invalid_input");
  assert.is(err.message, `Cannot prepare workspace "${path.join(root, "p", "MAE-1")}": repository "${repo}" has no commits`);
  assert.is(err.hint, "make a first commit there");
  assert.not.ok(fs.existsSync(path.join(root, "p", "MAE-1")));
});

test("prepareWorkspace refuses a folder at the path that is not a worktree and leaves it untouched", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  const root = path.join(dir, "root");
  const wsPath = path.join(root, "p", "MAE-1");
  fs.mkdirSync(wsPath, { recursive: true });
  fs.writeFileSync(path.join(wsPath, "notes.txt"), "mine\n");
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { project: "p", identifier: "MAE-1", repoPath: repo }));
  assert.is(err.code, "conflict");
  assert.is(err.message, `Cannot prepare workspace "${wsPath}": the folder exists and is not a git worktree of "${repo}"`);
  assert.match(err.hint ?? "", "nothing was deleted");
  assert.equal(fs.readdirSync(wsPath), ["notes.txt"]);
  assert.equal(branches(repo), ["main"]);
});

test("prepareWorkspace refuses a worktree of another repository at the path", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  const otherDir = path.join(dir, "o");
  fs.mkdirSync(otherDir);
  const other = makeRepo(otherDir);
  const root = path.join(dir, "root");
  const target = { project: "p", identifier: "MAE-1" };
  await prepareWorkspace(workspaceConfig(root), { ...target, repoPath: other });
  const err = await rejection(prepareWorkspace(workspaceConfig(root), { ...target, repoPath: repo }));
  assert.is(err.code, "conflict");
  assert.equal(worktrees(repo), [repo]);
});

test("prepareWorkspace refuses a branch name git does not accept", async () => {
  const dir = tempDir();
  const repo = makeRepo(dir);
  for (const branch of ["bad..name", "@{-1}", "-x"]) {
    const err = await rejection(prepareWorkspace(workspaceConfig(path.join(dir, "root")), { project: "p", identifier: "MAE-1", repoPath: repo, branch }));
    assert.is(err.code, "invalid_input");
    assert.match(err.message, `"${branch}" is not a valid git branch name`);
  }
});

test.run();
