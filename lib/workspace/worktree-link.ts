import { resolvePath, type Runtime } from "../runtime/mod.ts";

/**
 * What a linked worktree's `.git` file says, read without starting git: the
 * worktree's own git dir, the repository's common dir (real path) and the
 * branch HEAD names. Undefined when the folder is not laid out like that
 * (a main checkout, a bare folder, something unusual): callers then ask git.
 */
export interface WorktreeLink {
  gitDir: string;
  commonDir: string;
  branch: string | undefined;
}

export function readWorktreeLink(runtime: Runtime, worktree: string): WorktreeLink | undefined {
  try {
    const dotGit = `${worktree}/.git`;
    if (!runtime.fs.stat(dotGit)?.isFile) return undefined;
    const pointer = /^gitdir: (.+)\n?$/.exec(runtime.fs.readText(dotGit));
    if (!pointer) return undefined;
    const gitDir = resolvePath(worktree, pointer[1]!.trim());
    const common = runtime.fs.readText(`${gitDir}/commondir`).trim();
    const commonDir = runtime.fs.realPath(resolvePath(gitDir, common));
    if (!commonDir) return undefined;
    const head = /^ref: refs\/heads\/(.+)$/.exec(runtime.fs.readText(`${gitDir}/HEAD`).trim());
    return { gitDir, commonDir, branch: head?.[1] };
  } catch {
    return undefined;
  }
}
