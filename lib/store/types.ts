/** A value SQLite accepts as a bound parameter or returns in a row. */
export type SqlValue = string | number | null | Uint8Array;
export type Params = SqlValue[] | Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/** Read access, inside or outside a transaction. */
export interface Query {
  /** All rows of a SELECT. */
  all<T = Row>(sql: string, params?: Params): T[];
  /** The first row, or undefined. */
  get<T = Row>(sql: string, params?: Params): T | undefined;
}

/** Write access inside `Store.write`: every `run` is recorded in the journal. */
export interface Tx extends Query {
  /** Runs one data-changing statement; returns rows changed and the last rowid. */
  run(sql: string, params?: Params): { changes: number; lastInsertRowid: number };
}

/**
 * A schema step. Applied in version order inside one journaled write that
 * also sets PRAGMA user_version, so a crash mid-migration leaves no half schema.
 * Statements must be deterministic (no datetime('now'), no random()).
 */
export interface Migration {
  version: number;
  name: string;
  up(tx: Tx): void;
}

/** What opening found in the journal; the CLI reports damage to the user. */
export interface Recovery {
  /** Journal records applied on top of the snapshot. */
  replayed: number;
  /** Bytes of a torn or corrupt tail that were dropped (0 when none). */
  droppedBytes: number;
  /** Where a copy of the damaged journal was kept, when there was damage. */
  damagedCopy?: string;
  /** Why the tail was dropped ("torn record", "checksum mismatch", ...). */
  reason?: string;
}

export interface StoreStats {
  path: string;
  schemaVersion: number;
  journalBytes: number;
  /** Sequence number of the last committed transaction. */
  seq: number;
}

export interface Store {
  readonly path: string;
  readonly readOnly: boolean;
  readonly recovery: Recovery;
  /** Runs `fn` with read access. */
  read<T>(fn: (q: Query) => T): T;
  /**
   * Runs `fn` in one transaction. When it returns, the transaction is in the
   * journal and fdatasync'd: it survives kill -9. If `fn` throws, nothing is
   * kept. If the journal cannot be written (disk full), the transaction is
   * rolled back and a MaestroError "unavailable" is thrown. Nested calls join
   * the outer transaction.
   */
  write<T>(fn: (tx: Tx) => T): T;
  /** Folds the journal into the database file (temp + fsync + rename). */
  compact(): void;
  stats(): StoreStats;
  /** Compacts when the journal is not empty, releases the lock. Idempotent. */
  close(): void;
}
