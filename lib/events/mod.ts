/**
 * The in-process event bus (DESIGN.md: events/; inventory §3.2 events ring,
 * §3.6 invalidation). Committed tracker changes and orchestrator runtime
 * events are announced to subscribers the moment they happen: the WebSocket
 * stream turns them into invalidations, the orchestrator wakes on them.
 *
 * Runtime events live in a ring buffer (500 by default) with their own seq;
 * change notices carry the tracker's change_events seq. A subscriber that
 * throws never stops publishing or the other subscribers.
 */
export type { ChangeNotice, EventBus, EventBusOptions, Notice, RuntimeEvent, RuntimeFields, RuntimePage } from "./types.ts";

/**
 * createEventBus(opts): a new bus. `ringSize` (default 500) bounds the
 * runtime events kept; `changeSeq` seeds the latest change_events seq;
 * `now` fixes the clock in tests. Throws RangeError for a ring size that is
 * not a positive integer.
 */
export { createEventBus } from "./bus.ts";

/**
 * ReadCache<V>(sizeOf, limits?): answers of reads kept until the owner
 * clears it on the next bus notice; bounded by entries and size (LRU), with a
 * generation so an answer computed across a clear is not stored.
 */
export { type CacheLimits, ReadCache } from "./read-cache.ts";
