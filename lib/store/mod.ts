/**
 * The SQLite store (DESIGN.md: store/): sql.js in memory, made durable by a
 * journal of committed transactions (fdatasync before a write returns),
 * replayed on open and folded into the file with temp + fsync + rename.
 * One process holds a database at a time (`<db>.lock`).
 */
export { openStore, type OpenStoreOptions } from "./store.ts";
export { expandPath, resolveDbPath } from "./db-path.ts";
export type { Migration, Params, Query, Recovery, Row, SqlValue, Store, StoreStats, Tx } from "./types.ts";
export { migrations } from "./migrations.ts";
