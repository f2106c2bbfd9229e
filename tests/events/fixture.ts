/**
 * A real Maestro store in a temp directory for the runtime log tests, with a
 * bus over it whose clock the test sets.
 */
import * as path from "node:path";
import { createEventBus, createRuntimeLog, type EventBus, type EventBusOptions, type RuntimeLogOptions } from "../../lib/events/mod.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { openStore, type Store } from "../../lib/store/mod.ts";
import { tempDir } from "../helpers/bundle.ts";

const runtime = detectRuntime(import.meta.url);

export interface LogFixture {
  store: Store;
  bus: EventBus;
  /** What onLogError heard. */
  errors: { err: unknown; lost: number }[];
  /** The clock the bus stamps events with. */
  at: Date;
  /** Flushes, closes the store and opens it again with a new bus, as a daemon restart does. */
  restart(): Promise<void>;
  close(): void;
}

async function openLogFixture(
  opts: { bus?: EventBusOptions; log?: RuntimeLogOptions; at?: Date } = {},
): Promise<LogFixture> {
  const { dir, cleanup } = tempDir("maestro-events-");
  const db = path.join(dir, "maestro.db");
  const errors: LogFixture["errors"] = [];
  let at = opts.at ?? new Date("2026-03-02T09:00:00.000Z");
  const open = async () => {
    const store = await openStore({ runtime, path: db });
    const bus = createEventBus({
      now: () => at,
      ...opts.bus,
      log: createRuntimeLog(store, opts.log),
      onLogError: (err, lost) => errors.push({ err, lost }),
    });
    return { store, bus };
  };
  let opened = await open();
  return {
    get store() {
      return opened.store;
    },
    get bus() {
      return opened.bus;
    },
    errors,
    get at() {
      return at;
    },
    set at(next: Date) {
      at = next;
    },
    async restart() {
      opened.bus.flush();
      opened.store.close();
      opened = await open();
    },
    close() {
      opened.store.close();
      cleanup();
    },
  };
}

/** Runs `fn` with a fresh fixture and closes it (and removes its directory) after, pass or fail. */
export async function withLogFixture(
  opts: Parameters<typeof openLogFixture>[0],
  fn: (fx: LogFixture) => Promise<void> | void,
): Promise<void> {
  const fx = await openLogFixture(opts);
  try {
    await fn(fx);
  } finally {
    fx.close();
  }
}
