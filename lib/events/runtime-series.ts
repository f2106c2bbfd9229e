// The hourly runtime series (inventory §4.9, CLI `runtime-series`): counts per
// UTC hour for the last N hours, empty hours included. Pure arithmetic over
// per-hour, per-kind counts, so the table (GROUP BY in SQL) and the ring (one
// count per event) feed the same function.
import { totalTokensOf } from "./runtime-row.ts";
import type { RuntimeEvent, RuntimeSeriesBucket } from "./types.ts";

const HOUR_MS = 3_600_000;

/** The longest series: the log keeps 30 days. */
export const MAX_SERIES_HOURS = 720;

type Counter = "started" | "completed" | "failed" | "retries";

/** The kinds the series counts, and where each is counted. */
export const SERIES_KINDS: ReadonlyMap<string, Counter> = new Map<string, Counter>([
  ["run_started", "started"],
  ["run_completed", "completed"],
  ["run_failed", "failed"],
  ["run_unsuccessful", "failed"],
  ["run_interrupted", "failed"],
  ["retry_scheduled", "retries"],
]);

// The orchestrator puts each run's own token delta in the event that ends the
// run, so summing these counts every token once.
const RUN_ENDS = new Set(["run_completed", "run_failed", "run_unsuccessful", "run_interrupted"]);

/** How many events of `kind` fell in `hour` (an ISO-8601 prefix "YYYY-MM-DDTHH") and their total_tokens. */
export interface HourCount {
  hour: string;
  kind: string;
  count: number;
  tokens: number;
}

/** The ISO-8601 range [from, to) the series for `hours` up to `now` covers. Throws RangeError outside 1..720 hours. */
export function seriesRange(hours: number, now: Date): { from: string; to: string } {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_SERIES_HOURS) {
    throw new RangeError(`Series hours must be an integer from 1 to ${MAX_SERIES_HOURS}, got ${hours}`);
  }
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return { from: new Date(current - (hours - 1) * HOUR_MS).toISOString(), to: new Date(current + HOUR_MS).toISOString() };
}

/** The hour an ISO-8601 UTC timestamp falls in, as HourCount names it (SQL: substr(event_ts, 1, 13)). */
const hourOf = (ts: string): string => ts.slice(0, 13);

/** Events one by one as HourCounts (the ring's answer; the table groups in SQL). */
export const hourCountsOf = (events: readonly RuntimeEvent[]): HourCount[] =>
  events.map((e) => ({ hour: hourOf(e.ts), kind: e.kind, count: 1, tokens: totalTokensOf(e) }));

/** The buckets, oldest first; counts outside the range or of other kinds are ignored. */
export function buildSeries(hours: number, now: Date, counts: Iterable<HourCount>): RuntimeSeriesBucket[] {
  const from = Date.parse(seriesRange(hours, now).from);
  const buckets: RuntimeSeriesBucket[] = [];
  const byHour = new Map<string, RuntimeSeriesBucket>();
  for (let i = 0; i < hours; i++) {
    const start = new Date(from + i * HOUR_MS).toISOString();
    const bucket = { bucket: start.slice(11, 16), start, started: 0, completed: 0, failed: 0, retries: 0, tokens: 0 };
    buckets.push(bucket);
    byHour.set(hourOf(start), bucket);
  }
  for (const c of counts) {
    const bucket = byHour.get(c.hour);
    const counter = SERIES_KINDS.get(c.kind);
    if (!bucket || !counter) continue;
    bucket[counter] += c.count;
    if (RUN_ENDS.has(c.kind)) bucket.tokens += c.tokens;
  }
  return buckets;
}
