import { conflict, invalidInput } from "../errors.ts";
import { baseName, dirName, type Runtime } from "../runtime/mod.ts";
import { isInside } from "./inside.ts";
import { realDir } from "./real-dir.ts";

/**
 * Checks that `<root>/<project>/<issue>` resolves inside the real root, level
 * by level, so a symlink cannot carry a workspace (or a removal) elsewhere.
 * With `create`, makes the root and the project folder. Returns the real path
 * of the issue folder, or undefined when it does not exist.
 */
export async function containedPath(runtime: Runtime, root: string, path: string, create: boolean): Promise<string | undefined> {
  if (create) runtime.fs.mkdirp(root);
  const realRoot = await realDir(runtime, root);
  if (realRoot === undefined) return undefined;
  let real: string | undefined;
  for (const level of [dirName(path), path]) {
    real = await realLevel(runtime, realRoot, level, path);
    if (real !== undefined) continue;
    if (!create || level === path) return undefined;
    runtime.fs.mkdirp(level);
  }
  return real;
}

/** The real path of one level, or undefined when nothing is there; throws when it escapes or is no folder. */
async function realLevel(runtime: Runtime, realRoot: string, level: string, path: string): Promise<string | undefined> {
  const info = runtime.fs.stat(level);
  if (info === undefined) {
    // stat follows links: a name that is listed but cannot be stat'ed is a broken symlink.
    if (!runtime.fs.readDir(dirName(level)).includes(baseName(level))) return undefined;
    throw invalidInput(`Cannot use workspace "${path}": "${level}" is a broken symbolic link`, "remove the link");
  }
  if (!info.isDirectory) throw conflict(`Cannot use workspace "${path}": "${level}" exists and is not a folder`, "move it out of the workspace root");
  const real = await realDir(runtime, level);
  if (real === undefined || !isInside(realRoot, real)) {
    throw invalidInput(
      `Cannot use workspace "${path}": "${level}" resolves to "${real ?? "?"}", outside the workspace root "${realRoot}"`,
      "remove the symbolic link; workspaces never leave the root",
    );
  }
  return real;
}
