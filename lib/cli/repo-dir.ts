import { notFound } from "../errors.ts";
import { resolvePath } from "../runtime/mod.ts";
import type { CommandContext } from "./command.ts";

/** The `[repo]` argument made absolute (default: the working directory); it must be a directory. */
export function repoDir(ctx: CommandContext): string {
  const arg = ctx.args.repo;
  const repo = resolvePath(ctx.runtime.cwd(), typeof arg === "string" ? arg : ".");
  if (ctx.runtime.fs.stat(repo)?.isDirectory !== true) throw notFound(`No directory at ${repo}`, "pass the path of a repository");
  return repo;
}
