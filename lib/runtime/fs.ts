import { nodeFs, nodeProcess } from "./builtin.ts";
import { baseName, dirName, joinPath } from "./paths.ts";
import type { AppendFile, FileInfo, FileSystem } from "./types.ts";

// node:fs is implemented by both Node and Deno 2, so one file system adapter serves both
// (deno.ts answers a few calls natively first). Loaded on first use: see builtin.ts.

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = nodeFs().openSync(dir, "r");
    nodeFs().fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) nodeFs().closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    off += nodeFs().writeSync(fd, bytes, off, bytes.length - off);
  }
}

class NodeAppendFile implements AppendFile {
  #fd: number;
  #size: number;
  constructor(file: string) {
    const { constants } = nodeFs();
    this.#fd = nodeFs().openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
    this.#size = nodeFs().fstatSync(this.#fd).size;
  }
  get size(): number {
    return this.#size;
  }
  append(bytes: Uint8Array): void {
    writeAll(this.#fd, bytes);
    this.#size += bytes.length;
  }
  sync(): void {
    nodeFs().fdatasyncSync(this.#fd);
  }
  truncate(length: number): void {
    nodeFs().ftruncateSync(this.#fd, length);
    nodeFs().fsyncSync(this.#fd);
    this.#size = length;
  }
  close(): void {
    nodeFs().closeSync(this.#fd);
  }
}

/** Level by level rather than { recursive: true }, which spins for ever under /proc on Node 20. */
function mkdirp(p: string, mode = 0o755): void {
  if (nodeFs().existsSync(p)) return;
  const parent = dirName(p);
  if (parent !== p) mkdirp(parent, mode);
  try {
    nodeFs().mkdirSync(p, { mode });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

export const nodeFileSystem: FileSystem = {
  readFile: (p) => new Uint8Array(nodeFs().readFileSync(p)),
  readText: (p) => nodeFs().readFileSync(p, "utf8"),
  readHead(p, length) {
    const fd = nodeFs().openSync(p, "r");
    try {
      const buf = new Uint8Array(length);
      const n = nodeFs().readSync(fd, buf, 0, length, 0);
      return buf.subarray(0, n);
    } finally {
      nodeFs().closeSync(fd);
    }
  },
  stat(p): FileInfo | undefined {
    try {
      const s = nodeFs().statSync(p);
      return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode, mtimeMs: s.mtimeMs };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  },
  mkdirp,
  writeAtomic(p, bytes, mode = 0o644) {
    const tmp = joinPath(dirName(p), `.${baseName(p)}.${nodeProcess().pid}.tmp`);
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    const fd = nodeFs().openSync(tmp, "w", mode);
    try {
      writeAll(fd, data);
      nodeFs().fsyncSync(fd);
    } catch (err) {
      nodeFs().closeSync(fd);
      nodeFs().rmSync(tmp, { force: true });
      throw err;
    }
    nodeFs().closeSync(fd);
    try {
      nodeFs().renameSync(tmp, p);
    } catch (err) {
      nodeFs().rmSync(tmp, { force: true });
      throw err;
    }
    fsyncDir(dirName(p));
  },
  createExclusive(p, content, mode = 0o600) {
    let fd: number;
    try {
      fd = nodeFs().openSync(p, "wx", mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    }
    try {
      writeAll(fd, new TextEncoder().encode(content));
      nodeFs().fsyncSync(fd);
    } finally {
      nodeFs().closeSync(fd);
    }
    return true;
  },
  openAppend: (p) => new NodeAppendFile(p),
  rename: (a, b) => nodeFs().renameSync(a, b),
  remove: (p) => nodeFs().rmSync(p, { force: true }),
  removeTree: (p) => nodeFs().rmSync(p, { recursive: true, force: true }),
  readDir: (p) => nodeFs().readdirSync(p),
  realPath(p) {
    try {
      return nodeFs().realpathSync(p);
    } catch {
      return undefined;
    }
  },
  copyFile: (a, b) => nodeFs().copyFileSync(a, b),
  isWritableDir(p) {
    // Create and remove a probe file: access(W_OK) misses read-only mounts under Deno.
    const probe = joinPath(p, `.maestro-probe-${nodeProcess().pid}`);
    try {
      nodeFs().closeSync(nodeFs().openSync(probe, "wx"));
      nodeFs().rmSync(probe, { force: true });
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EEXIST";
    }
  },
};
