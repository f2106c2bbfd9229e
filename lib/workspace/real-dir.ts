import type { Runtime } from "../runtime/mod.ts";

/**
 * The canonical path of an existing directory (every symlink resolved), or
 * undefined when it is not one. Runtime.fs has no realpath, so POSIX sh does
 * it: `cd -P` + `pwd -P`, the path passed as an argument, never as script.
 */
export async function realDir(runtime: Runtime, dir: string): Promise<string | undefined> {
  const r = await runtime.runProcess(["sh", "-c", 'cd -P -- "$1" && pwd -P', "sh", dir], { timeoutMs: 10_000 });
  return r.code === 0 ? r.stdout.replace(/\n$/, "") : undefined;
}
