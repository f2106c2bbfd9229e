// `doctor`'s database side: the database can be written and is not held by
// another process (the live daemon holding it is how it should be), and
// whether a daemon is running.
import { isMaestroError } from "../errors.ts";
import { findDaemon } from "../daemon/mod.ts";
import type { Runtime } from "../runtime/mod.ts";
import { dirName } from "../runtime/mod.ts";
import { openStore } from "../store/mod.ts";
import { checkWritableDir } from "./check-paths.ts";
import { type Check, failed, passed } from "./readiness-check.ts";

/** The database and daemon checks for the database at `dbPath`; `dbFlag` is repeated in advice. */
export async function checkDatabase(runtime: Runtime, dbPath: string, dbFlag: string | undefined): Promise<Check[]> {
  const live = findDaemon(runtime, dbPath);
  const db = dbFlag === undefined ? "" : ` --db ${dbPath}`;
  const daemon = live
    ? passed("daemon", `daemon running: pid ${live.pid} at ${live.url}${live.version ? ` (version ${live.version})` : ""}`)
    : passed("daemon", `daemon not running for ${dbPath} (start it with: maestro run${db})`);
  if (live) return [passed("database", `database served by the live daemon (pid ${live.pid}): ${dbPath}`), daemon];
  return [await openCheck(runtime, dbPath), daemon];
}

/** Opens an existing database the way every command does (lock, journal, migrations) and closes it. */
async function openCheck(runtime: Runtime, dbPath: string): Promise<Check> {
  const fix = "pass --db with a path on a writable disk, or fix the permissions";
  if (!runtime.fs.stat(dbPath)) {
    const dir = checkWritableDir(runtime.fs, "database", "database directory", dirName(dbPath), fix);
    return dir.ok ? passed("database", `database will be created on first use: ${dbPath}`) : dir;
  }
  if (!runtime.fs.isWritableDir(dirName(dbPath))) return failed("database", `database: ${dirName(dbPath)} is not writable`, fix);
  try {
    runtime.preferQuickExit();
    const store = await openStore({ runtime, path: dbPath, lockWaitMs: 0 });
    store.close();
    return passed("database", `database opens and is writable: ${dbPath}`);
  } catch (err) {
    if (!isMaestroError(err)) return failed("database", `database: cannot open ${dbPath}: ${(err as Error).message}`, fix);
    return failed("database", `database: ${err.message}`, err.hint ?? fix);
  }
}
