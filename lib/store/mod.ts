/**
 * The SQLite store (DESIGN.md: store/): sql.js in memory, made durable by a
 * journal of committed transactions (fdatasync before a write returns),
 * replayed on open and folded into the file with temp + fsync + rename.
 * One process holds a database at a time (`<db>.lock`).
 */
import type { OpenStoreOptions } from "./store.ts";
import type { Store } from "./types.ts";

export type { OpenStoreOptions } from "./store.ts";
export { expandPath, resolveDbPath } from "./db-path.ts";
export { describeRecovery } from "./describe-recovery.ts";
export type { Migration, Params, Query, Recovery, Row, SqlValue, Store, StoreStats, Tx } from "./types.ts";

/**
 * Opens (creating, migrating, replaying its journal) the database at
 * `opts.path` with Maestro's schema unless `opts.migrations` gives another.
 * The store's code is loaded here, on first use: every command reaches
 * resolveDbPath, few open the file themselves.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  return await (await import("./store.ts")).openStore(opts);
}
