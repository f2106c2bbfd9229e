// Places Maestro writes to: the workspace root (issue worktrees) and, for
// `doctor`, the database. Checked without creating anything.
import type { FileSystem } from "../runtime/mod.ts";
import { dirName } from "../runtime/mod.ts";
import { type Check, failed, passed } from "./readiness-check.ts";

/** The deepest part of `path` that exists (the root at worst), with what it is. */
function nearestExisting(fs: FileSystem, path: string): { path: string; isDirectory: boolean } {
  let p = path;
  for (;;) {
    const info = fs.stat(p);
    if (info) return { path: p, isDirectory: info.isDirectory };
    const parent = dirName(p);
    if (parent === p) return { path: p, isDirectory: false };
    p = parent;
  }
}

/**
 * Whether a directory exists and takes new files, or could be created:
 * `what` names it in messages; `fix` is the advice on failure.
 */
export function checkWritableDir(fs: FileSystem, name: string, what: string, dir: string, fix: string): Check {
  const info = fs.stat(dir);
  if (info) {
    if (!info.isDirectory) return failed(name, `${what}: ${dir} is not a directory`, fix);
    return fs.isWritableDir(dir) ? passed(name, `${what} writable: ${dir}`) : failed(name, `${what}: ${dir} is not writable`, fix);
  }
  const base = nearestExisting(fs, dir);
  if (!base.isDirectory) return failed(name, `${what}: cannot create ${dir}: ${base.path} is not a directory`, fix);
  return fs.isWritableDir(base.path)
    ? passed(name, `${what} can be created: ${dir}`)
    : failed(name, `${what}: cannot create ${dir}: ${base.path} is not writable`, fix);
}
