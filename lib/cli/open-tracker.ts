import { unavailable } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import { dirName, joinPath } from "../runtime/mod.ts";
import { describeRecovery, openStore, resolveDbPath, type Store } from "../store/mod.ts";
import { createTracker, type Tracker } from "../tracker/mod.ts";

/** A tracker over an open database; `close` folds the journal into the file and releases the lock. */
export interface OpenTracker {
  tracker: Tracker;
  store: Store;
  close(): void;
}

/** How long a CLI command waits for another process's lock: short commands finish well within it. */
const LOCK_WAIT_MS = 5000;

/**
 * Opens the database named by `--db` (else MAESTRO_DB, else ~/.maestro/maestro.db)
 * and builds the tracker over it. A command that only reads opens a database
 * in a read-only directory without the lock; any damage found in the journal
 * is reported as one warning line on stderr. Throws the store's MaestroError
 * (not a SQLite file, locked, unwritable directory).
 */
export async function openTracker(runtime: Runtime, dbFlag: string | undefined, opts: { readOnly: boolean }): Promise<OpenTracker> {
  const path = resolveDbPath(runtime, dbFlag);
  const dir = dirName(path);
  const fs = runtime.fs;
  const dirExists = fs.stat(dir)?.isDirectory === true;
  const readOnly = opts.readOnly && dirExists && !fs.isWritableDir(dir);
  if (readOnly && !fs.stat(path)) {
    throw unavailable(`Cannot open database "${path}": it does not exist and "${dir}" is not writable`, "pass another --db");
  }
  const store = await openStoreFor(runtime, path, readOnly, opts.readOnly);
  try {
    if (store.recovery.droppedBytes > 0) runtime.stderr.write(`maestro: warning: ${describeRecovery(path, store.recovery)}\n`);
    const tracker = createTracker({ store, files: fs, assetsDir: joinPath(dir, "assets") });
    return { tracker, store, close: () => store.close() };
  } catch (err) {
    store.close();
    throw err;
  }
}

/** Errors that mean "this directory cannot be written", whatever the permission bits said. */
const UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * Opens the store. A reading command whose writable open is refused by the
 * file system (a read-only mount that the access check did not see) falls
 * back to a read-only open of an existing database.
 */
async function openStoreFor(runtime: Runtime, path: string, readOnly: boolean, mayReadOnly: boolean): Promise<Store> {
  try {
    return await openStore({ runtime, path, lockWaitMs: LOCK_WAIT_MS, readOnly });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const retry = !readOnly && mayReadOnly && typeof code === "string" && UNWRITABLE.has(code) && runtime.fs.stat(path)?.isFile;
    if (!retry) throw err;
    return await openStore({ runtime, path, readOnly: true });
  }
}
