import { invalidInput } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import { git } from "./git.ts";
import type { WorkspaceTarget } from "./types.ts";

// Names git accepted: whether a name is valid never changes, so each is asked about once.
const accepted = new Set<string>();

/** The target's branch (default `maestro/<identifier>`), once git accepts it as written (`git check-ref-format --branch`). */
export async function branchFor(runtime: Runtime, repoPath: string, target: WorkspaceTarget, action: string): Promise<string> {
  const branch = target.branch ?? `maestro/${target.identifier}`;
  if (accepted.has(branch)) return branch;
  const r = await git(runtime, repoPath, ["check-ref-format", "--branch", branch]);
  // --branch also expands "@{-1}" and the like: only a name that stays itself is taken.
  if (!r.ok || r.stdout.trim() !== branch) {
    throw invalidInput(`${action}: "${branch}" is not a valid git branch name`, "set a branch name git accepts (see git check-ref-format)");
  }
  accepted.add(branch);
  return branch;
}
