// Answers of reads kept until the next bus notice. The daemon is the
// database's only writer and every committed write (and every runtime event)
// reaches the bus, so a read's answer stays exact until the next notice: the
// owner drops the cache whole on each one. Bounded by entries and by size,
// least recently used evicted first (a Map keeps insertion order; a hit
// re-inserts). The HTTP API keeps response bodies in one, MCP answer texts.

export interface CacheLimits {
  /** At most this many answers (default 256). */
  maxEntries?: number;
  /** At most this much in all, as `sizeOf` counts (default 16 MiB); a bigger answer is never kept. */
  maxBytes?: number;
}

const DEFAULT_ENTRIES = 256;
const DEFAULT_BYTES = 16 * 1024 * 1024;

export class ReadCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #generation = 0;

  constructor(private readonly sizeOf: (value: V) => number, limits: CacheLimits = {}) {
    this.#maxEntries = Math.max(0, limits.maxEntries ?? DEFAULT_ENTRIES);
    this.#maxBytes = Math.max(0, limits.maxBytes ?? DEFAULT_BYTES);
  }

  /** Bumped by every clear(): an answer computed across a clear must not be stored (it may predate the write). */
  get generation(): number {
    return this.#generation;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so the Map's order is least-recently-used first.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Stores `value` unless the cache was cleared since `generation` was read or it cannot fit. */
  set(key: string, value: V, generation: number): void {
    if (generation !== this.#generation) return;
    const size = this.sizeOf(value);
    if (size > this.#maxBytes || this.#maxEntries === 0) return;
    this.#drop(key);
    while (this.#entries.size >= this.#maxEntries || this.#bytes + size > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#drop(oldest.value);
    }
    this.#entries.set(key, value);
    this.#bytes += size;
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#bytes = 0;
  }

  #drop(key: string): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= this.sizeOf(old);
  }
}
