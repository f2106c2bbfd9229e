import * as fs from "node:fs";
import * as path from "node:path";
import type { AppendFile, FileInfo, FileSystem } from "./types.ts";

// node:fs is implemented by both Node and Deno 2, so one file system adapter serves both.

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    off += fs.writeSync(fd, bytes, off, bytes.length - off);
  }
}

class NodeAppendFile implements AppendFile {
  #fd: number;
  #size: number;
  constructor(file: string) {
    this.#fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o600);
    this.#size = fs.fstatSync(this.#fd).size;
  }
  get size(): number {
    return this.#size;
  }
  append(bytes: Uint8Array): void {
    writeAll(this.#fd, bytes);
    this.#size += bytes.length;
  }
  sync(): void {
    fs.fdatasyncSync(this.#fd);
  }
  truncate(length: number): void {
    fs.ftruncateSync(this.#fd, length);
    fs.fsyncSync(this.#fd);
    this.#size = length;
  }
  close(): void {
    fs.closeSync(this.#fd);
  }
}

export const nodeFileSystem: FileSystem = {
  readFile: (p) => new Uint8Array(fs.readFileSync(p)),
  readText: (p) => fs.readFileSync(p, "utf8"),
  readHead(p, length) {
    const fd = fs.openSync(p, "r");
    try {
      const buf = new Uint8Array(length);
      const n = fs.readSync(fd, buf, 0, length, 0);
      return buf.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  },
  stat(p): FileInfo | undefined {
    try {
      const s = fs.statSync(p);
      return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode, mtimeMs: s.mtimeMs };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  },
  mkdirp: (p, mode = 0o755) => void fs.mkdirSync(p, { recursive: true, mode }),
  writeAtomic(p, bytes, mode = 0o644) {
    const tmp = path.join(path.dirname(p), `.${path.basename(p)}.${process.pid}.tmp`);
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    const fd = fs.openSync(tmp, "w", mode);
    try {
      writeAll(fd, data);
      fs.fsyncSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    fs.closeSync(fd);
    try {
      fs.renameSync(tmp, p);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    fsyncDir(path.dirname(p));
  },
  createExclusive(p, content, mode = 0o600) {
    let fd: number;
    try {
      fd = fs.openSync(p, "wx", mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    }
    try {
      writeAll(fd, new TextEncoder().encode(content));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  },
  openAppend: (p) => new NodeAppendFile(p),
  rename: (a, b) => fs.renameSync(a, b),
  remove: (p) => fs.rmSync(p, { force: true }),
  removeTree: (p) => fs.rmSync(p, { recursive: true, force: true }),
  readDir: (p) => fs.readdirSync(p),
  copyFile: (a, b) => fs.copyFileSync(a, b),
  isWritableDir(p) {
    // Create and remove a probe file: access(W_OK) misses read-only mounts under Deno.
    const probe = path.join(p, `.maestro-probe-${process.pid}`);
    try {
      fs.closeSync(fs.openSync(probe, "wx"));
      fs.rmSync(probe, { force: true });
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EEXIST";
    }
  },
};
