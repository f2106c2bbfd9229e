import { isAbsolutePath, relativePath } from "../runtime/mod.ts";

/** True when `path` lies strictly below `root` (both absolute, compared as written). */
export function isInside(root: string, path: string): boolean {
  const rel = relativePath(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith("../") && !isAbsolutePath(rel);
}
