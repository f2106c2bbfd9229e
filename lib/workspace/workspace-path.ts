import { invalidInput } from "../errors.ts";
import { isAbsolutePath, joinPath } from "../runtime/mod.ts";
import { isInside } from "./inside.ts";

/** The project's folder name: lower-case, runs of anything but [a-z0-9] → "-", trimmed; "project" when nothing is left. */
function projectSlug(project: string): string {
  return project.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "project";
}

/** The issue's folder name (SPEC-4.2-b): runs outside [A-Za-z0-9._-] → "_"; "issue" when empty. */
function issueKey(identifier: string): string {
  return identifier.replace(/[^A-Za-z0-9._-]+/g, "_") || "issue";
}

/** `<root>/<project-slug>/<issue-key>`, checked to stay strictly inside `root` (no I/O). */
export function workspacePath(root: string, project: string, identifier: string): string {
  if (!isAbsolutePath(root)) {
    throw invalidInput(`Cannot place workspaces under "${root}": not an absolute path`, "set workspace.root to an absolute path");
  }
  const key = issueKey(identifier);
  if (key === "." || key === "..") {
    throw invalidInput(`Cannot place the workspace of issue "${identifier}": "${key}" is not a usable folder name`, "use another identifier");
  }
  const path = joinPath(root, projectSlug(project), key);
  if (!isInside(root, path)) {
    throw invalidInput(`Cannot place the workspace of issue "${identifier}": "${path}" is outside the workspace root "${root}"`);
  }
  return path;
}
