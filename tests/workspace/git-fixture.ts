import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as assert from "uvu/assert";
import { MaestroError } from "../../lib/errors.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import type { HookConfig, WorkspaceConfig } from "../../lib/workspace/mod.ts";

// Real git repositories in temp folders for the workspace suites.
export const runtime = detectRuntime(import.meta.url);

const made: string[] = [];

/** A fresh temp folder (its real path), removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "maestro-ws-")));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs git in `cwd` with a fixed identity; throws on failure; returns stdout trimmed. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A repository on branch `main` with one commit (README.md), unless `empty`. */
export function makeRepo(parent: string, opts: { empty?: boolean } = {}): string {
  const repo = path.join(parent, "repo");
  fs.mkdirSync(repo);
  git(repo, "init", "-q", "-b", "main");
  if (!opts.empty) {
    fs.writeFileSync(path.join(repo, "README.md"), "hello\n");
    git(repo, "add", "README.md");
    git(repo, "commit", "-q", "-m", "first");
  }
  return repo;
}

export function workspaceConfig(root: string, hooks: Partial<HookConfig> = {}): WorkspaceConfig {
  return {
    runtime,
    root,
    hooks: { after_create: "", before_run: "", after_run: "", before_remove: "", timeout_ms: 30_000, ...hooks },
  };
}

/** The MaestroError `promise` rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<MaestroError> {
  try {
    await promise;
  } catch (err) {
    assert.instance(err, MaestroError, String(err));
    return err as MaestroError;
  }
  assert.unreachable("expected a rejection");
  throw new Error("unreachable");
}

/** The branches of `repo`, short names. */
export const branches = (repo: string) => git(repo, "branch", "--format=%(refname:short)").split("\n");

/** Paths of the worktrees `repo` knows, the main one included. */
export const worktrees = (repo: string) =>
  git(repo, "worktree", "list", "--porcelain")
    .split("\n")
    .filter((l) => l.startsWith("worktree "))
    .map((l) => l.slice("worktree ".length));
