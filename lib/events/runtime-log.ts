// The runtime_events table: runtime events that survive a restart, bounded
// by count and by age. Each append is one journaled write (one fdatasync) for
// the whole batch, and pruning rides in the same write only when there is
// something to prune, so the cost per event stays flat as the table fills.
import type { Store, Tx } from "../store/mod.ts";
import { fromRow, RUNTIME_COLUMNS, type RuntimeRow, toRow } from "./runtime-row.ts";
import { buildSeries, type HourCount, SERIES_KINDS, seriesRange } from "./runtime-series.ts";
import type { RuntimeEvent, RuntimeHistoryQuery, RuntimeLog, RuntimeSeriesBucket } from "./types.ts";

export interface RuntimeLogOptions {
  /** Keep at most this many events (default 20000); pruned once 5% over, back down to it. */
  maxRows?: number;
  /** Drop events older than this many days, measured from the newest event appended (default 30). */
  maxAgeDays?: number;
}

const DAY_MS = 86_400_000;
const INSERT = `INSERT INTO runtime_events (${RUNTIME_COLUMNS}) VALUES (${RUNTIME_COLUMNS.split(",").map(() => "?").join(", ")})`;
const SELECT = `SELECT ${RUNTIME_COLUMNS} FROM runtime_events`;
// AUTOINCREMENT remembers the highest seq even after every row is pruned.
const LAST_SEQ = `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'runtime_events'), 0),
  coalesce((SELECT max(seq) FROM runtime_events), 0)) AS seq`;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`Runtime log ${name} must be a positive integer, got ${value}`);
  return value;
}

const insertRow = (tx: Tx, r: RuntimeRow) =>
  tx.run(INSERT, [
    r.seq, r.kind, r.issue_id, r.identifier, r.title, r.attempt, r.delay_type,
    r.input_tokens, r.output_tokens, r.total_tokens, r.error, r.event_ts, r.payload_json,
  ]);

function historySql(query: RuntimeHistoryQuery, limit: number): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.issueId !== undefined) {
    where.push("issue_id = ?");
    params.push(query.issueId);
  }
  if (query.kinds && query.kinds.length > 0) {
    where.push(`kind IN (${query.kinds.map(() => "?").join(", ")})`);
    params.push(...query.kinds);
  }
  if (query.before !== undefined) {
    where.push("seq < ?");
    params.push(query.before);
  }
  const filter = where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "";
  return { sql: `${SELECT}${filter} ORDER BY seq DESC LIMIT ?`, params: [...params, limit] };
}

/**
 * The runtime_events table of `store` as a RuntimeLog. Reads the row count
 * and the oldest timestamp once, then keeps them up to date itself.
 */
export function createRuntimeLog(store: Store, opts: RuntimeLogOptions = {}): RuntimeLog {
  const maxRows = positiveInteger("maxRows", opts.maxRows ?? 20_000);
  const maxAgeMs = positiveInteger("maxAgeDays", opts.maxAgeDays ?? 30) * DAY_MS;
  const margin = Math.ceil(maxRows / 20);
  let { rows, oldest } = store.read((q) => q.get<{ rows: number; oldest: string | null }>(
    "SELECT count(*) AS rows, min(event_ts) AS oldest FROM runtime_events",
  )!);

  // Runs inside the append's write: deletes what is too old or too many, returns the new count and oldest.
  const prune = (tx: Tx, count: number, first: string, cutoff: string) => {
    let pruned = false;
    if (first < cutoff) {
      count -= tx.run("DELETE FROM runtime_events WHERE event_ts < ?", [cutoff]).changes;
      pruned = true;
    }
    if (count > maxRows + margin) {
      const sql = "DELETE FROM runtime_events WHERE seq <= (SELECT seq FROM runtime_events ORDER BY seq DESC LIMIT 1 OFFSET ?)";
      count -= tx.run(sql, [maxRows]).changes;
      pruned = true;
    }
    const earliest = pruned ? tx.get<{ t: string | null }>("SELECT min(event_ts) AS t FROM runtime_events")!.t : first;
    return { rows: count, oldest: earliest };
  };

  return {
    lastSeq: () => store.read((q) => Number(q.get<{ seq: number }>(LAST_SEQ)!.seq)),
    recent: (limit) => store.read((q) => q.all<RuntimeRow>(`${SELECT} ORDER BY seq DESC LIMIT ?`, [limit])).reverse().map(fromRow),
    append(events: readonly RuntimeEvent[]) {
      if (events.length === 0) return;
      const batch = events.map(toRow);
      const first = batch.reduce((min, r) => (r.event_ts < min ? r.event_ts : min), oldest ?? batch[0]!.event_ts);
      const cutoff = new Date(Date.parse(batch.at(-1)!.event_ts) - maxAgeMs).toISOString();
      const next = store.write((tx) => {
        for (const r of batch) insertRow(tx, r);
        return prune(tx, rows + batch.length, first, cutoff);
      });
      // Only after the write is durable: a refused write leaves the table, and so these, as they were.
      ({ rows, oldest } = next);
    },
    history(query) {
      const limit = Math.max(0, Math.floor(query.limit));
      if (limit === 0) return [];
      const { sql, params } = historySql(query, limit);
      return store.read((q) => q.all<RuntimeRow>(sql, params)).map(fromRow);
    },
    series(hours, now): RuntimeSeriesBucket[] {
      const { from, to } = seriesRange(hours, now);
      const kinds = [...SERIES_KINDS.keys()];
      const sql = `SELECT substr(event_ts, 1, 13) AS hour, kind, count(*) AS count, sum(total_tokens) AS tokens
        FROM runtime_events WHERE event_ts >= ? AND event_ts < ? AND kind IN (${kinds.map(() => "?").join(", ")})
        GROUP BY hour, kind`;
      const counts = store.read((q) => q.all<HourCount>(sql, [from, to, ...kinds]));
      return buildSeries(hours, now, counts);
    },
  };
}
