// Turning `workspace.root` as written into a path: `$VAR` and `${VAR}`
// from the environment, then a leading `~`, then relative paths against the
// WORKFLOW.md's directory.
import { dirname, normalize } from "./posix-path.ts";

export interface PathContext {
  workflowPath: string;
  env(name: string): string | undefined;
  homeDir: string;
}

/** The resolved path, or the first variable that is unset or empty. */
export function expandPath(raw: string, ctx: PathContext): { path: string } | { unset: string } {
  let unset: string | undefined;
  const expanded = raw.trim().replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, bare) => {
    const name: string = braced ?? bare;
    const value = ctx.env(name);
    if (value === undefined || value === "") {
      unset ??= name;
      return whole;
    }
    return value;
  });
  if (unset !== undefined) return { unset };
  const home = expanded === "~" || expanded.startsWith("~/") ? ctx.homeDir + expanded.slice(1) : expanded;
  const absolute = home.startsWith("/") ? home : `${dirname(ctx.workflowPath)}/${home}`;
  return { path: normalize(absolute) };
}
