import { MaestroError, unavailable } from "../errors.ts";
import type { AppendFile, Runtime } from "../runtime/mod.ts";
import { dirName } from "../runtime/mod.ts";
import { encodeRecord, type JournalRecord, scanJournal } from "./journal.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { migrations as maestroMigrations } from "./migrations.ts";
import { checkSnapshot } from "./snapshot.ts";
import { type Database, loadSqlJs } from "./sqljs.ts";
import type { Migration, Params, Query, Recovery, Row, Store, StoreStats, Tx } from "./types.ts";

export interface OpenStoreOptions {
  runtime: Runtime;
  path: string;
  /** The schema to bring the database to; Maestro's own when absent. */
  migrations?: Migration[];
  /** Open without the lock and refuse writes (e.g. a read-only directory). */
  readOnly?: boolean;
  /** How long to wait for another process's lock before failing. */
  lockWaitMs?: number;
  /** Fold the journal into the file once it grows past this many bytes. */
  compactBytes?: number;
  /** Fold the journal this long after the last write; 0 disables the timer. */
  compactIdleMs?: number;
}

const META_TABLE = "_maestro_journal";
// Transaction control goes through exec(): sql.js's run() prepares and frees a statement on
// every call, which costs ~0.3 ms each; exec() of BEGIN/COMMIT costs ~0.03 ms.
// Prepared statements are cached by SQL text; queries with IN (...) lists of varying length
// would grow the cache without bound in a long-lived daemon, so the oldest are freed past this.
const MAX_CACHED_STATEMENTS = 256;

function journalFailure(err: unknown): MaestroError {
  const code = (err as { code?: string }).code;
  if (code === "ENOSPC") return unavailable("Write refused: disk full, nothing was saved", "free disk space and retry");
  if (code === "EDQUOT") return unavailable("Write refused: disk quota exceeded, nothing was saved", "free disk space and retry");
  if (code === "EROFS" || code === "EACCES" || code === "EPERM") {
    return unavailable("Write refused: the database directory is not writable, nothing was saved", "fix its permissions");
  }
  return unavailable(`Write refused: journal write failed (${(err as Error).message}), nothing was saved`);
}

class SqlStore implements Store {
  readonly recovery: Recovery;
  #db: Database;
  #journal: AppendFile | undefined;
  #lock: Lock | undefined;
  #seq: number;
  #depth = 0;
  #ops: JournalRecord["ops"] = [];
  #closed = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #statements = new Map<string, ReturnType<Database["prepare"]>>();

  constructor(
    private readonly opts: OpenStoreOptions,
    db: Database,
    seq: number,
    recovery: Recovery,
    journal: AppendFile | undefined,
    lock: Lock | undefined,
  ) {
    this.#db = db;
    this.#seq = seq;
    this.recovery = recovery;
    this.#journal = journal;
    this.#lock = lock;
  }

  get path(): string {
    return this.opts.path;
  }
  get readOnly(): boolean {
    return this.opts.readOnly === true;
  }

  #statement(sql: string) {
    let st = this.#statements.get(sql);
    if (!st) {
      st = this.#db.prepare(sql);
      this.#statements.set(sql, st);
      if (this.#statements.size > MAX_CACHED_STATEMENTS) {
        const [oldest, old] = this.#statements.entries().next().value!;
        old.free();
        this.#statements.delete(oldest);
      }
    }
    return st;
  }

  #all<T>(sql: string, params?: Params): T[] {
    const st = this.#statement(sql);
    try {
      if (params) st.bind(params as never);
      const rows: T[] = [];
      // getAsObject reads every column name again for each row (a WASM call and a string
      // decode per column): with the names read once, a 50-row page costs half as much.
      let names: string[] | undefined;
      while (st.step()) {
        names ??= st.getColumnNames();
        const values = st.get();
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        rows.push(row as T);
      }
      return rows;
    } finally {
      st.reset();
    }
  }

  #query: Query = {
    all: <T = Row>(sql: string, params?: Params) => this.#all<T>(sql, params),
    get: <T = Row>(sql: string, params?: Params) => this.#all<T>(sql, params)[0],
  };

  #tx: Tx = {
    ...this.#query,
    run: (sql, params) => {
      if (params && Object.values(params).some((v) => v instanceof Uint8Array)) {
        throw new TypeError("blob parameters are not journaled; store bytes as files");
      }
      const st = this.#statement(sql);
      try {
        st.run(params as never);
      } finally {
        st.reset();
      }
      this.#ops.push([sql, params ?? null]);
      const changes = this.#db.getRowsModified();
      const lastInsertRowid = Number(this.#all<{ id: number }>("SELECT last_insert_rowid() AS id")[0]?.id ?? 0);
      return { changes, lastInsertRowid };
    },
  };

  #assertOpen(): void {
    if (this.#closed) throw new TypeError("store is closed");
  }

  read<T>(fn: (q: Query) => T): T {
    this.#assertOpen();
    return fn(this.#query);
  }

  write<T>(fn: (tx: Tx) => T): T {
    this.#assertOpen();
    if (this.readOnly) {
      throw unavailable(`Cannot write to "${this.path}": opened read-only`, "check the directory permissions");
    }
    if (this.#depth > 0) return fn(this.#tx);
    this.#db.exec("BEGIN");
    this.#depth = 1;
    this.#ops = [];
    let result: T;
    try {
      result = fn(this.#tx);
    } catch (err) {
      this.#rollback();
      throw err;
    }
    if (this.#ops.length > 0) {
      const record = encodeRecord({ seq: this.#seq + 1, ops: this.#ops });
      const journal = this.#journal!;
      const before = journal.size;
      try {
        journal.append(record);
        journal.sync();
      } catch (err) {
        this.#rollback();
        try {
          journal.truncate(before);
        } catch {
          // The torn tail is dropped by its checksum on the next open.
        }
        throw journalFailure(err);
      }
      this.#seq += 1;
    }
    this.#db.exec("COMMIT");
    this.#depth = 0;
    this.#ops = [];
    this.#afterWrite();
    return result;
  }

  #rollback(): void {
    this.#db.exec("ROLLBACK");
    this.#depth = 0;
    this.#ops = [];
  }

  #afterWrite(): void {
    const journal = this.#journal!;
    const limit = this.opts.compactBytes ?? 64 * 1024 * 1024;
    if (journal.size >= limit) {
      this.#tryCompact();
      return;
    }
    const idle = this.opts.compactIdleMs ?? 0;
    if (idle > 0 && journal.size > 0) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.#tryCompact(), idle);
    }
  }

  #tryCompact(): void {
    try {
      this.compact();
    } catch {
      // The journal keeps every write; compaction retries on the next trigger.
    }
  }

  compact(): void {
    this.#assertOpen();
    if (this.readOnly || this.#depth > 0) return;
    clearTimeout(this.#idleTimer);
    this.#db.exec(`INSERT OR REPLACE INTO ${META_TABLE}(key, value) VALUES ('seq', ${this.#seq})`);
    const bytes = this.#db.export();
    this.opts.runtime.fs.writeAtomic(this.path, bytes);
    this.#journal!.truncate(0);
  }

  stats(): StoreStats {
    return {
      path: this.path,
      schemaVersion: schemaVersion(this.#db),
      journalBytes: this.#journal?.size ?? 0,
      seq: this.#seq,
    };
  }

  close(): void {
    if (this.#closed) return;
    try {
      if (!this.readOnly && (this.#journal?.size ?? 0) > 0) this.#tryCompact();
    } finally {
      this.#closed = true;
      clearTimeout(this.#idleTimer);
      for (const st of this.#statements.values()) st.free();
      this.#statements.clear();
      this.#journal?.close();
      this.#db.close();
      this.#lock?.release();
    }
  }
}

function schemaVersion(db: Database): number {
  return Number(db.exec("PRAGMA user_version")[0]?.values[0]?.[0] ?? 0);
}

function snapshotSeq(db: Database): number {
  db.run(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
  return Number(db.exec(`SELECT value FROM ${META_TABLE} WHERE key = 'seq'`)[0]?.values[0]?.[0] ?? 0);
}

type Prepared = Map<string, ReturnType<Database["prepare"]>>;

function applyRecord(db: Database, prepared: Prepared, rec: JournalRecord): void {
  for (const [sql, params] of rec.ops) {
    let st = prepared.get(sql);
    if (!st) prepared.set(sql, (st = db.prepare(sql)));
    try {
      st.run((params ?? undefined) as never);
    } finally {
      st.reset();
    }
  }
}

/**
 * Applies journal records past the snapshot. All of them go in one
 * transaction (a transaction per record costs ~0.2 ms in sql.js); if one
 * fails, that is undone and they are applied one by one to stop exactly at
 * the first record that does not apply.
 */
function replay(db: Database, records: JournalRecord[], fromSeq: number): { seq: number; applied: number; failed?: string } {
  const pending: JournalRecord[] = [];
  let seq = fromSeq;
  let gap: string | undefined;
  for (const rec of records) {
    if (rec.seq <= seq) continue;
    if (rec.seq !== seq + 1) {
      gap = `gap in journal (record ${rec.seq} after ${seq})`;
      break;
    }
    pending.push(rec);
    seq = rec.seq;
  }
  if (pending.length === 0) return { seq: fromSeq, applied: 0, failed: gap };
  // Records repeat the same few statements: prepare each once.
  const prepared: Prepared = new Map();
  try {
    db.exec("BEGIN");
    try {
      for (const rec of pending) applyRecord(db, prepared, rec);
      db.exec("COMMIT");
      return { seq, applied: pending.length, failed: gap };
    } catch {
      db.exec("ROLLBACK");
    }
    let applied = 0;
    for (const rec of pending) {
      db.exec("BEGIN");
      try {
        applyRecord(db, prepared, rec);
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        return { seq: rec.seq - 1, applied, failed: `record ${rec.seq} does not apply (${(err as Error).message})` };
      }
      applied += 1;
    }
    return { seq, applied, failed: gap };
  } finally {
    for (const st of prepared.values()) st.free();
  }
}

/**
 * Opens (or creates) the database at `opts.path`: takes the lock, loads the
 * snapshot, replays the journal, applies migrations. Throws a MaestroError
 * for a file that is not a whole SQLite database, a schema newer than this
 * build, a lock held by a live process, or a directory that cannot be written.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const { runtime, path } = opts;
  const fs = runtime.fs;
  const dir = dirName(path);
  if (!opts.readOnly) {
    try {
      fs.mkdirp(dir);
    } catch (err) {
      throw unavailable(`Cannot create directory "${dir}" for the database: ${(err as Error).message}`, "pass another --db");
    }
    if (!fs.isWritableDir(dir)) {
      throw unavailable(`Cannot write to "${dir}": permission denied`, "fix its permissions or pass another --db");
    }
  }
  const info = fs.stat(path);
  if (info && !info.isFile) throw unavailable(`Cannot open database "${path}": not a file`, "pass another --db");

  const lock = opts.readOnly ? undefined : await acquireLock(runtime, path, opts.lockWaitMs ?? 0);
  try {
    return await load(opts, info !== undefined && info.size > 0, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function load(opts: OpenStoreOptions, exists: boolean, lock: Lock | undefined): Promise<Store> {
  const { runtime, path } = opts;
  const fs = runtime.fs;
  const SQL = await loadSqlJs(runtime);
  let db: Database;
  if (exists) {
    const bytes = fs.readFile(path);
    checkSnapshot(path, bytes);
    try {
      db = new SQL.Database(bytes);
      db.exec("SELECT count(*) FROM sqlite_master");
    } catch (err) {
      throw unavailable(`Cannot open database "${path}": ${(err as Error).message}`, "move it away or pass another --db");
    }
  } else db = new SQL.Database();
  // Durability is the journal's job: SQLite's own rollback journal only needs to support
  // ROLLBACK, and keeping it in memory makes a transaction several times cheaper in sql.js.
  db.exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY");

  const journalPath = `${path}.journal`;
  const journalBytes = fs.stat(journalPath) ? fs.readFile(journalPath) : new Uint8Array();
  const scan = scanJournal(journalBytes);
  const replayed = replay(db, scan.records, snapshotSeq(db));
  const damage = scan.damage ?? replayed.failed;
  const recovery: Recovery = { replayed: replayed.applied, droppedBytes: 0 };

  const latest = Math.max(0, ...(opts.migrations ?? maestroMigrations).map((m) => m.version));
  const version = schemaVersion(db);
  if (version > latest) {
    db.close();
    throw unavailable(
      `Cannot open database "${path}": schema version ${version} is newer than this Maestro supports (${latest})`,
      "upgrade Maestro",
    );
  }

  let journal: AppendFile | undefined;
  if (!opts.readOnly) {
    if (damage) {
      const keepEnd = scan.damage ? scan.goodEnd : goodEndOf(scan, replayed.seq);
      recovery.droppedBytes = journalBytes.length - keepEnd;
      recovery.reason = damage;
      recovery.damagedCopy = `${journalPath}.damaged-${Date.now()}`;
      fs.writeAtomic(recovery.damagedCopy, journalBytes, 0o600);
    }
    journal = fs.openAppend(journalPath);
    if (damage) journal.truncate(journal.size - recovery.droppedBytes);
  } else if (damage) {
    recovery.droppedBytes = journalBytes.length - scan.goodEnd;
    recovery.reason = damage;
  }

  const store = new SqlStore(opts, db, replayed.seq, recovery, journal, lock);
  const pending = (opts.migrations ?? maestroMigrations).filter((m) => m.version > version).sort((a, b) => a.version - b.version);
  if (pending.length > 0 && !opts.readOnly) {
    store.write((tx) => {
      for (const m of pending) m.up(tx);
      tx.run(`PRAGMA user_version = ${pending.at(-1)!.version}`);
    });
  }
  // A new or just-migrated database gets a real file at once, so sqlite3 can open it.
  if (!opts.readOnly && (!exists || pending.length > 0 || damage)) store.compact();
  return store;
}

/** Byte offset just past the record with sequence `seq` (where a failed replay stopped). */
function goodEndOf(scan: ReturnType<typeof scanJournal>, seq: number): number {
  let offset = 0;
  for (const rec of scan.records) {
    offset += encodeRecord(rec).length;
    if (rec.seq >= seq) return offset;
  }
  return offset;
}
