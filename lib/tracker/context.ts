// What every tracker function receives: the store, the files and the two
// sources of non-determinism (clock, ids), injected so tests fix them.
import type { FileSystem } from "../runtime/mod.ts";
import type { Store } from "../store/mod.ts";
import type { ChangeEvent } from "./types.ts";

export interface TrackerOptions {
  store: Store;
  /** Where asset and attachment files are written and removed. */
  files: FileSystem;
  /** Root of `issues/<issue_id>/...` and `comments/<issue_id>/...`. */
  assetsDir: string;
  now?: () => Date;
  /** Makes an id such as `iss_0123456789abcdef` for a prefix such as `iss`. */
  newId?: (prefix: string) => string;
  /** Called after each committed mutation with its change events (the live-update bus hooks in here). */
  onChange?: (events: ChangeEvent[]) => void;
}

export interface TrackerContext {
  store: Store;
  files: FileSystem;
  assetsDir: string;
  now: () => Date;
  newId: (prefix: string) => string;
  onChange: ((events: ChangeEvent[]) => void) | undefined;
}

function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function createContext(opts: TrackerOptions): TrackerContext {
  return {
    store: opts.store,
    files: opts.files,
    assetsDir: opts.assetsDir.replace(/[\\/]+$/, ""),
    now: opts.now ?? (() => new Date()),
    newId: opts.newId ?? randomId,
    onChange: opts.onChange,
  };
}
