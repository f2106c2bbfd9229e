// Cached answers of read routes. The daemon is the database's only writer and
// every committed write (and every runtime event, which bootstrap shows)
// reaches the bus, so a GET answer stays exact until the next notice: the
// cache is dropped whole on each one. Bounded by entries and bytes, oldest
// use evicted first (a Map keeps insertion order; a hit re-inserts).

/** One cached answer: the body as UTF-8 bytes plus what its headers need. */
export interface CachedEntry {
  status: number;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

export interface CacheLimits {
  /** At most this many answers (default 256). */
  maxEntries?: number;
  /** At most this many body bytes in all (default 16 MiB); a bigger answer is never kept. */
  maxBytes?: number;
}

const DEFAULT_ENTRIES = 256;
const DEFAULT_BYTES = 16 * 1024 * 1024;

export class ResponseCache {
  readonly #entries = new Map<string, CachedEntry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #generation = 0;

  constructor(limits: CacheLimits = {}) {
    this.#maxEntries = Math.max(0, limits.maxEntries ?? DEFAULT_ENTRIES);
    this.#maxBytes = Math.max(0, limits.maxBytes ?? DEFAULT_BYTES);
  }

  /** Bumped by every clear(): an answer computed across a clear must not be stored (it may predate the write). */
  get generation(): number {
    return this.#generation;
  }

  get(key: string): CachedEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Re-insert so the Map's order is least-recently-used first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Stores `entry` unless the cache was cleared since `generation` was read or it cannot fit. */
  set(key: string, entry: CachedEntry, generation: number): void {
    if (generation !== this.#generation) return;
    const size = entry.body.byteLength;
    if (size > this.#maxBytes || this.#maxEntries === 0) return;
    this.#drop(key);
    while (this.#entries.size >= this.#maxEntries || this.#bytes + size > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#drop(oldest.value);
    }
    this.#entries.set(key, entry);
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
    this.#bytes -= old.body.byteLength;
  }
}
