// POSIX path arithmetic on strings: workflow/ does no I/O, so no node:path.

/** The directory part, as path.posix.dirname. */
export function dirname(path: string): string {
  const cut = path.replace(/\/+$/, "").lastIndexOf("/");
  if (cut === -1) return ".";
  return cut === 0 ? "/" : path.slice(0, cut);
}

/** Drops empty and "." segments and folds "..", as path.posix.normalize without the trailing slash. */
export function normalize(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else if (part !== ".." || !absolute) out.push(part);
  }
  const joined = out.join("/");
  return absolute ? `/${joined}` : joined || ".";
}
