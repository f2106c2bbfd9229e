/**
 * The in-process event bus (DESIGN.md: events/; inventory §3.2 events ring,
 * §3.6 invalidation, §4.9 runtime events and series, §4.10 retention).
 * Committed tracker changes and orchestrator runtime events are announced to
 * subscribers the moment they happen: the WebSocket stream turns them into
 * invalidations, the orchestrator wakes on them.
 *
 * Runtime events live in a ring buffer (500 by default) with their own seq;
 * change notices carry the tracker's change_events seq. A subscriber that
 * throws never stops publishing or the other subscribers.
 *
 * Given a RuntimeLog (createRuntimeLog over the store), runtime events are
 * also kept in the runtime_events table, so they survive a restart: the ring
 * starts with the newest persisted events and seq continues after the highest
 * seq the table ever held, so a reader paging with `since` never sees a seq
 * twice. The bus's seq is the row's seq. The events of one tick are written
 * in one store write (a microtask after the first); a refused write (disk
 * full) never reaches the publisher: it is counted and told to `onLogError`,
 * and its events stay in the ring only. The table keeps at most 20000 events
 * and none older than 30 days. `runtimeHistory` reads it for per-issue
 * execution views; `runtimeSeries` gives the hourly counts behind the CLI's
 * `runtime-series` and the dashboard (without a log both answer from the ring).
 */
export type {
  ChangeNotice,
  EventBus,
  EventBusOptions,
  Notice,
  RuntimeEvent,
  RuntimeFields,
  RuntimeHistoryQuery,
  RuntimeLog,
  RuntimePage,
  RuntimeSeriesBucket,
} from "./types.ts";

/**
 * createEventBus(opts): a new bus. `ringSize` (default 500) bounds the
 * runtime events kept in memory; `changeSeq` seeds the latest change_events
 * seq; `now` fixes the clock in tests; `log` persists runtime events and
 * seeds the ring and seq from it; `onLogError(err, lost)` hears refused log
 * writes. Call `flush()` at shutdown, before closing the store, to write
 * what the current tick published. Throws RangeError for a ring size that is
 * not a positive integer, and what the log throws when reading it at
 * creation fails.
 */
export { createEventBus } from "./bus.ts";

/**
 * createRuntimeLog(store, opts?): the runtime_events table as a RuntimeLog.
 * Each event is one row with its bus seq; the message is kept in payload_json
 * under "message" (so a payload's own "message" key comes back as the
 * message), and title, attempt, delay_type, error, input_tokens,
 * output_tokens and total_tokens are copied from payload fields of those
 * names (tokens 0 when absent). `maxRows` (default 20000) and `maxAgeDays`
 * (default 30, from the newest event written) bound it: each append prunes
 * in the same write, down to maxRows once 5% over it, so the cost per event
 * stays flat. `history` answers newest first; `series` counts per UTC hour
 * (run_started, run_completed, run_failed + run_unsuccessful +
 * run_interrupted, retry_scheduled) and sums total_tokens of the run-ending
 * events, where the orchestrator puts each run's own token delta, so a token
 * is counted once. Throws RangeError for a bound that is not a positive
 * integer or series hours outside 1..720; append throws what the store
 * throws (MaestroError "unavailable" on a full disk) and then stores nothing.
 */
export { createRuntimeLog, type RuntimeLogOptions } from "./runtime-log.ts";

/**
 * ReadCache<V>(sizeOf, limits?): answers of reads kept until the owner
 * clears it on the next bus notice; bounded by entries and size (LRU), with a
 * generation so an answer computed across a clear is not stored.
 */
export { type CacheLimits, ReadCache } from "./read-cache.ts";
