/**
 * The functions of Node's path.posix that paths.ts offers, ported from Node
 * 20's lib/path.js (MIT, Joyent, Inc. and other Node contributors) so that
 * Deno can do path arithmetic without node:path, whose import would start
 * its Node-compatibility layer (see builtin.ts). POSIX only: Deno on
 * Windows keeps node:path (paths.ts picks). Results are Node's to the
 * character; the only difference is the TypeError's wording for a non-string.
 */

const SLASH = 47; // "/"
const DOT = 46; // "."

function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string") {
    const err = new TypeError(`The "${name}" argument must be of type string. Received ${value === null ? "null" : typeof value}`);
    (err as TypeError & { code: string }).code = "ERR_INVALID_ARG_TYPE";
    throw err;
  }
}

/** Resolves . and .. segments (Node's normalizeString with "/" as the only separator). */
function normalizeString(path: string, allowAboveRoot: boolean): string {
  let res = "";
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let code = 0;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) code = path.charCodeAt(i);
    else if (code === SLASH) break;
    else code = SLASH;

    if (code === SLASH) {
      if (lastSlash === i - 1 || dots === 1) {
        // NOOP
      } else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || res.charCodeAt(res.length - 1) !== DOT || res.charCodeAt(res.length - 2) !== DOT) {
          if (res.length > 2) {
            const lastSlashIndex = res.lastIndexOf("/");
            if (lastSlashIndex === -1) {
              res = "";
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, lastSlashIndex);
              lastSegmentLength = res.length - 1 - res.lastIndexOf("/");
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (res.length !== 0) {
            res = "";
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? "/.." : "..";
          lastSegmentLength = 2;
        }
      } else {
        if (res.length > 0) res += `/${path.slice(lastSlash + 1, i)}`;
        else res = path.slice(lastSlash + 1, i);
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (code === DOT && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

/** path.posix.resolve; `cwd` is called only when the parts are all relative. */
export function resolve(cwd: () => string, ...args: string[]): string {
  let resolvedPath = "";
  let resolvedAbsolute = false;
  for (let i = args.length - 1; i >= 0 && !resolvedAbsolute; i--) {
    const path = args[i];
    validateString(path, `paths[${i}]`);
    if (path.length === 0) continue;
    resolvedPath = `${path}/${resolvedPath}`;
    resolvedAbsolute = path.charCodeAt(0) === SLASH;
  }
  if (!resolvedAbsolute) {
    const dir = cwd();
    resolvedPath = `${dir}/${resolvedPath}`;
    resolvedAbsolute = dir.charCodeAt(0) === SLASH;
  }
  resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
  if (resolvedAbsolute) return `/${resolvedPath}`;
  return resolvedPath.length > 0 ? resolvedPath : ".";
}

export function normalize(path: string): string {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const isAbsolute = path.charCodeAt(0) === SLASH;
  const trailingSeparator = path.charCodeAt(path.length - 1) === SLASH;
  path = normalizeString(path, !isAbsolute);
  if (path.length === 0) {
    if (isAbsolute) return "/";
    return trailingSeparator ? "./" : ".";
  }
  if (trailingSeparator) path += "/";
  return isAbsolute ? `/${path}` : path;
}

export function isAbsolute(path: string): boolean {
  validateString(path, "path");
  return path.length > 0 && path.charCodeAt(0) === SLASH;
}

export function join(...args: string[]): string {
  if (args.length === 0) return ".";
  const parts: string[] = [];
  for (const arg of args) {
    validateString(arg, "path");
    if (arg.length > 0) parts.push(arg);
  }
  if (parts.length === 0) return ".";
  return normalize(parts.join("/"));
}

export function relative(cwd: () => string, from: string, to: string): string {
  validateString(from, "from");
  validateString(to, "to");
  if (from === to) return "";
  from = resolve(cwd, from);
  to = resolve(cwd, to);
  if (from === to) return "";

  const fromStart = 1;
  const fromEnd = from.length;
  const fromLen = fromEnd - fromStart;
  const toStart = 1;
  const toLen = to.length - toStart;

  // The longest common path from the root.
  const length = fromLen < toLen ? fromLen : toLen;
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = from.charCodeAt(fromStart + i);
    if (fromCode !== to.charCodeAt(toStart + i)) break;
    else if (fromCode === SLASH) lastCommonSep = i;
  }
  if (i === length) {
    if (toLen > length) {
      // `from` is the exact base path for `to` (from='/foo/bar', to='/foo/bar/baz').
      if (to.charCodeAt(toStart + i) === SLASH) return to.slice(toStart + i + 1);
      // `from` is the root (from='/', to='/foo').
      if (i === 0) return to.slice(toStart + i);
    } else if (fromLen > length) {
      // `to` is the exact base path for `from` (from='/foo/bar/baz', to='/foo/bar').
      if (from.charCodeAt(fromStart + i) === SLASH) lastCommonSep = i;
      // `to` is the root (from='/foo/bar', to='/').
      else if (i === 0) lastCommonSep = 0;
    }
  }

  let out = "";
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === SLASH) out += out.length === 0 ? ".." : "/..";
  }
  return `${out}${to.slice(toStart + lastCommonSep)}`;
}

export function dirname(path: string): string {
  validateString(path, "path");
  if (path.length === 0) return ".";
  const hasRoot = path.charCodeAt(0) === SLASH;
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 1; --i) {
    if (path.charCodeAt(i) === SLASH) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

/** path.posix.basename without the suffix argument (paths.ts offers none). */
export function basename(path: string): string {
  validateString(path, "path");
  let start = 0;
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 0; --i) {
    if (path.charCodeAt(i) === SLASH) {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  if (end === -1) return "";
  return path.slice(start, end);
}

export function extname(path: string): string {
  validateString(path, "path");
  let startDot = -1;
  let startPart = 0;
  let end = -1;
  let matchedSlash = true;
  // The state of the characters before the first dot after the last separator.
  let preDotState = 0;
  for (let i = path.length - 1; i >= 0; --i) {
    const char = path[i];
    if (char === "/") {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (char === ".") {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (
    startDot === -1 ||
    end === -1 ||
    // A non-dot character right before the dot.
    preDotState === 0 ||
    // The last component is exactly "..".
    (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)
  ) {
    return "";
  }
  return path.slice(startDot, end);
}
