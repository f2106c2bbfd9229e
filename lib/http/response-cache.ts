// Cached answers of read routes: a ReadCache (lib/events) of response bodies,
// dropped whole on every bus notice by the app.
import { type CacheLimits, ReadCache } from "../events/mod.ts";

/** One cached answer: the body as UTF-8 bytes plus what its headers need. */
export interface CachedEntry {
  status: number;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

export type ResponseCache = ReadCache<CachedEntry>;

export const responseCache = (limits?: CacheLimits): ResponseCache =>
  new ReadCache<CachedEntry>((entry) => entry.body.byteLength, limits);
