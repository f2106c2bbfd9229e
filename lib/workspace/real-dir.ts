import type { Runtime } from "../runtime/mod.ts";

/** The canonical path of an existing directory (every symlink resolved), or undefined when it is not one. */
export function realDir(runtime: Runtime, dir: string): Promise<string | undefined> {
  const real = runtime.fs.realPath(dir);
  return Promise.resolve(real !== undefined && runtime.fs.stat(real)?.isDirectory ? real : undefined);
}
