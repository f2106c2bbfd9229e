/**
 * A tracker over the real journaled store in a temp directory, with a fixed
 * clock and predictable ids. Tests call operations by name, as every surface
 * does, so the input schemas are exercised too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as assert from "uvu/assert";
import { isMaestroError, type ErrorCode } from "../../lib/errors.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { openStore, type Store } from "../../lib/store/mod.ts";
import {
  type ChangeEvent,
  createTracker,
  type IssueDetail,
  type Project,
  runOperation,
  type Tracker,
} from "../../lib/tracker/mod.ts";
import { tempDir } from "../helpers/bundle.ts";

export const runtime = detectRuntime(import.meta.url);
export const START = new Date("2026-03-02T09:00:00.000Z");

export interface Fixture {
  dir: string;
  dbPath: string;
  assetsDir: string;
  store: Store;
  tracker: Tracker;
  /** Events delivered to onChange, in order. */
  events: ChangeEvent[];
  /** Advances the fixed clock. */
  tick(ms?: number): Date;
  setClock(at: Date): void;
  /** Runs an operation by name with raw input, as the surfaces do. */
  op<T = any>(name: string, input?: unknown): T;
  /** Closes the store and opens it again from disk. */
  reopen(): Promise<void>;
  close(): void;
  /** A project with a repo under the temp dir. */
  project(name?: string): Project;
  issue(projectId: string, title?: string, extra?: Record<string, unknown>): IssueDetail;
  /** Writes a file under the temp dir and returns its absolute path. */
  file(name: string, content: string | Uint8Array): string;
}

export async function openFixture(): Promise<Fixture> {
  const { dir, cleanup } = tempDir("maestro-tracker-");
  const dbPath = path.join(dir, "maestro.db");
  const assetsDir = path.join(dir, "assets");
  let clock = START;
  let ids = 0;
  const events: ChangeEvent[] = [];
  const open = async () => {
    const store = await openStore({ runtime, path: dbPath });
    const tracker = createTracker({
      store,
      files: runtime.fs,
      assetsDir,
      now: () => clock,
      newId: (prefix) => `${prefix}_${(++ids).toString(16).padStart(16, "0")}`,
      onChange: (batch) => events.push(...batch),
    });
    return { store, tracker };
  };
  let opened = await open();
  let repos = 0;
  const fx: Fixture = {
    dir,
    dbPath,
    assetsDir,
    get store() {
      return opened.store;
    },
    get tracker() {
      return opened.tracker;
    },
    events,
    tick(ms = 1000) {
      clock = new Date(clock.getTime() + ms);
      return clock;
    },
    setClock(at) {
      clock = at;
    },
    op: (name, input) => runOperation(opened.tracker, name, input ?? {}) as never,
    async reopen() {
      opened.store.close();
      opened = await open();
    },
    close() {
      opened.store.close();
      cleanup();
    },
    project(name = "Demo") {
      repos += 1;
      return fx.op("create_project", { name, repo_path: path.join(dir, `repo-${repos}`) });
    },
    issue(projectId, title = "Something to do", extra = {}) {
      fx.tick();
      return fx.op("create_issue", { project_id: projectId, title, ...extra });
    },
    file(name, content) {
      const p = path.join(dir, "files", name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
  };
  return fx;
}

/** Asserts `fn` throws a MaestroError with `code` whose message matches `message`. */
export function throwsCode(fn: () => unknown, code: ErrorCode, message?: RegExp): void {
  try {
    fn();
  } catch (err) {
    if (!isMaestroError(err)) throw err;
    assert.is(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
    if (message) assert.match(err.message, message);
    assert.not.match(err.message, /\n/, "messages are one line");
    assert.not.match(err.message, /SQLITE|constraint/i, "messages never leak SQL");
    return;
  }
  assert.unreachable(`expected a ${code} error`);
}

/** Runs `fn` with a fresh fixture and always cleans up. */
export async function withFixture(fn: (fx: Fixture) => void | Promise<void>): Promise<void> {
  const fx = await openFixture();
  try {
    await fn(fx);
  } finally {
    fx.close();
  }
}
