/**
 * The HTTP app over a real journaled store and tracker in a temp dir, with
 * the bus wired to the tracker's onChange as the daemon wires it. Requests
 * go through app.fetch in-process, like Hono's app.request: no sockets.
 */
import * as path from "node:path";
import * as assert from "uvu/assert";
import { createEventBus, type EventBus } from "../../lib/events/mod.ts";
import { createHttpApp, type HttpApp, type HttpDeps } from "../../lib/http/mod.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { openStore, type Store } from "../../lib/store/mod.ts";
import { createTracker, type Project, type Tracker } from "../../lib/tracker/mod.ts";
import { tempDir } from "../helpers/bundle.ts";

export const runtime = detectRuntime(import.meta.url);
export const HOST = "127.0.0.1:8787";
export const ORIGIN = `http://${HOST}`;
export const OPS_TOKEN = "ops-token-0123456789";
export const START = new Date("2026-03-02T09:00:00.000Z");

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
}

export interface RequestOptions {
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  /** Leave out the default Host header. */
  noHost?: boolean;
}

export interface HttpFixture {
  dir: string;
  store: Store;
  tracker: Tracker;
  bus: EventBus;
  app: HttpApp;
  errors: unknown[];
  tick(ms?: number): Date;
  request(method: string, url: string, opts?: RequestOptions): Promise<Reply>;
  /** Builds the Request request() would send. */
  build(method: string, url: string, opts?: RequestOptions): Request;
  project(name?: string): Project;
  issue(project: string, title?: string, extra?: Record<string, unknown>): any;
}

/** RequestInit for `opts`: JSON bodies get their content type; streamed bodies get duplex "half". */
export function requestInit(method: string, opts: RequestOptions, baseHeaders: Record<string, string> = {}): RequestInit {
  const headers: Record<string, string> = { ...baseHeaders };
  let body = opts.body;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  }
  Object.assign(headers, opts.headers ?? {});
  const init: RequestInit & { duplex?: string } = { method, headers };
  if (body !== undefined && body !== null) {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = "half";
  }
  return init;
}

/** Reads a Response into the Reply shape assertError takes. */
export async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function openHttpFixture(overrides: Partial<HttpDeps> = {}): Promise<HttpFixture & { close(): void }> {
  const { dir, cleanup } = tempDir("maestro-http-");
  let clock = START;
  let ids = 0;
  const now = () => clock;
  const store = await openStore({ runtime, path: path.join(dir, "maestro.db") });
  const bus = createEventBus({ now });
  const tracker = createTracker({
    store,
    files: runtime.fs,
    assetsDir: path.join(dir, "assets"),
    now,
    newId: (prefix) => `${prefix}_${(++ids).toString(16).padStart(16, "0")}`,
    onChange: (events) => bus.publishChanges(events),
  });
  const errors: unknown[] = [];
  const app = createHttpApp({
    tracker,
    bus,
    info: { version: "9.9.9", pid: 4242, db_path: path.join(dir, "maestro.db"), started_at: START.toISOString() },
    opsToken: OPS_TOKEN,
    allowedHosts: [HOST, "localhost:8787"],
    now,
    onError: (err) => errors.push(err),
    ...overrides,
  });
  let repos = 0;
  const build = (method: string, url: string, opts: RequestOptions = {}) =>
    new Request(new URL(url, ORIGIN), requestInit(method, opts, opts.noHost ? {} : { host: HOST }));
  const fx = {
    dir,
    store,
    tracker,
    bus,
    app,
    errors,
    tick(ms = 1000) {
      clock = new Date(clock.getTime() + ms);
      return clock;
    },
    build,
    async request(method: string, url: string, opts: RequestOptions = {}) {
      return await toReply(await app.fetch(build(method, url, opts), { remoteAddress: "127.0.0.1" }));
    },
    project(name = "Demo") {
      repos += 1;
      return tracker.createProject({ name, repo_path: path.join(dir, `repo-${repos}`) });
    },
    issue(project: string, title = "Something to do", extra: Record<string, unknown> = {}) {
      fx.tick();
      return tracker.createIssue({ project_id: project, title, ...extra });
    },
    close() {
      store.close();
      cleanup();
    },
  };
  return fx;
}

/** Runs `fn` with a fresh fixture, then asserts nothing reached the 500 path, and cleans up. */
export async function withHttp(fn: (fx: HttpFixture) => Promise<void>, overrides: Partial<HttpDeps> = {}): Promise<void> {
  const fx = await openHttpFixture(overrides);
  try {
    await fn(fx);
    assert.equal(fx.errors, [], "no request reached the internal-error path");
  } finally {
    fx.close();
  }
}

/** Asserts a JSON error envelope with `status`, `code` and a one-line message (matching `message` when given). */
export function assertError(reply: Reply, status: number, code: string, message?: RegExp): void {
  assert.is(reply.status, status, `expected ${status}, got ${reply.status}: ${reply.text.slice(0, 300)}`);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
  assert.type(reply.body?.error, "object", `an error envelope: ${reply.text.slice(0, 200)}`);
  assert.is(reply.body.error.code, code, reply.text.slice(0, 300));
  assert.type(reply.body.error.message, "string");
  assert.ok(reply.body.error.message.length > 0, "a message");
  assert.not.match(reply.body.error.message, /\n/, "messages are one line");
  if (message) assert.match(reply.body.error.message, message);
}
