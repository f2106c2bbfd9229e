import { conflict } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";

/** Who holds a database: written into `<db>.lock`. */
export interface LockHolder {
  pid: number;
  started_at: string;
  command: string;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

function readHolder(runtime: Runtime, path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(runtime.fs.readText(path)) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Locks this process holds: a lock file naming our own pid is ours only if listed here;
// otherwise it was left by an earlier process that had the same pid (e.g. pid 1 in a container).
const heldHere = new Set<string>();

/**
 * Takes the exclusive write lock of a database: `<db>.lock`, created with
 * O_EXCL. A lock whose process is gone is taken over. A live holder makes
 * this wait up to `waitMs` (short CLI commands finish quickly), then throw a
 * conflict naming its pid.
 */
export async function acquireLock(runtime: Runtime, dbPath: string, waitMs: number): Promise<Lock> {
  const path = `${dbPath}.lock`;
  const me: LockHolder = {
    pid: runtime.pid,
    started_at: new Date().toISOString(),
    command: `maestro ${runtime.args().join(" ")}`.trim().slice(0, 200),
  };
  const content = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (runtime.fs.createExclusive(path, content)) {
      heldHere.add(path);
      return {
        path,
        release: () => {
          heldHere.delete(path);
          releaseIfMine(runtime, path, me.pid);
        },
      };
    }
    const holder = readHolder(runtime, path);
    const live = holder && (holder.pid === runtime.pid ? heldHere.has(path) : runtime.isProcessAlive(holder.pid));
    if (holder && live) {
      if (Date.now() < deadline) {
        await sleep(25);
        continue;
      }
      throw conflict(
        `Database "${dbPath}" is in use by process ${holder.pid} (${holder.command})`,
        `stop that process or use another --db; if it is not Maestro, delete ${path}`,
      );
    }
    if (!holder) {
      // A holder mid-write leaves the file briefly empty; only an old unreadable file is stale.
      const info = runtime.fs.stat(path);
      if (info && Date.now() - info.mtimeMs < 2000) {
        await sleep(25);
        continue;
      }
    }
    takeOverStale(runtime, path, holder);
  }
}

function takeOverStale(runtime: Runtime, path: string, seen: LockHolder | undefined): void {
  // Move the stale file aside, then check that what we moved is the stale one: another
  // process may have taken over between our read and our rename.
  const aside = `${path}.stale.${runtime.pid}`;
  try {
    runtime.fs.rename(path, aside);
  } catch {
    return; // someone else moved it first; loop and try to create again
  }
  const moved = readHolder(runtime, aside);
  if (moved && seen && moved.pid !== seen.pid && runtime.isProcessAlive(moved.pid)) {
    runtime.fs.createExclusive(path, `${JSON.stringify(moved)}\n`);
  }
  runtime.fs.remove(aside);
}

function releaseIfMine(runtime: Runtime, path: string, pid: number): void {
  if (readHolder(runtime, path)?.pid === pid) runtime.fs.remove(path);
}
