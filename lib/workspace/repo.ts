import { invalidInput } from "../errors.ts";
import { isAbsolutePath, resolvePath, type Runtime } from "../runtime/mod.ts";
import { git } from "./git.ts";
import { realDir } from "./real-dir.ts";

/** A git repository as workspaces see it. */
export interface Repo {
  path: string;
  /** The real path of its common git dir: shared by all its worktrees, so it names the repository. */
  commonDir: string;
}

// Repositories already looked at: a dispatch then costs no git process to identify its repository.
const known = new Map<string, Repo>();

/** Checks that `repoPath` is a git repository; `action` starts the messages, e.g. `Cannot prepare workspace "<path>"`. */
export async function openRepo(runtime: Runtime, repoPath: string, action: string): Promise<Repo> {
  if (!isAbsolutePath(repoPath) || !runtime.fs.stat(repoPath)?.isDirectory) {
    throw invalidInput(`${action}: repository "${repoPath}" is not an existing absolute folder`, "fix the project's repo_path");
  }
  const seen = known.get(repoPath);
  if (seen && runtime.fs.stat(seen.commonDir)?.isDirectory) return seen;
  const r = await git(runtime, repoPath, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  const commonDir = r.ok ? await realDir(runtime, resolvePath(repoPath, r.stdout.trim())) : undefined;
  if (commonDir === undefined) {
    throw invalidInput(`${action}: "${repoPath}" is not a git repository`, `run "git init" there or fix the project's repo_path`);
  }
  const repo = { path: repoPath, commonDir };
  known.set(repoPath, repo);
  return repo;
}
