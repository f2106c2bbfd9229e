// The bad-input case table of tests/http/bad-input-cases.ts, sent over real
// sockets to the real daemon (`maestro run` from the built bundle), under
// Node and Deno: each case gets its status and JSON error envelope, never a 500.
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type Case, type CaseWorld, cases, optsOf } from "../http/bad-input-cases.ts";
import { assertError, type Reply, requestInit, type RequestOptions, toReply } from "../http/fixture.ts";
import { runtimes, tempDir } from "../helpers/bundle.ts";
import { type Daemon, startDaemon } from "./daemon-harness.ts";

/**
 * Why a case goes over a raw socket of its own instead of fetch, or undefined:
 * fetch sets Host itself (no forging it) and computes Content-Length from the
 * body (no declaring a bigger one). A body the daemon refuses as too large
 * also gets a connection of its own: under Node, after a 413 answered before
 * the body was read, the keep-alive connection fetch pools is reset on a
 * later request (ECONNRESET, seen on the second request after the 413), so
 * the case would break an unrelated case after it.
 */
const rawReason = (c: Case, opts: RequestOptions | undefined): string | undefined => {
  const names = Object.keys(opts?.headers ?? {}).map((h) => h.toLowerCase());
  if (names.includes("host") || opts?.noHost === true) return "forges or leaves out Host";
  if (names.includes("content-length")) return "declares its own Content-Length";
  if (c.code === "payload_too_large") return "a refused oversized body: keep it off the pooled connection";
  return undefined;
};

async function sendFetch(origin: string, method: string, url: string, opts: RequestOptions = {}): Promise<Reply> {
  return await toReply(await fetch(new URL(url, origin), requestInit(method, opts)));
}

/** One HTTP/1.1 request written byte for byte to a socket, `Connection: close`. */
async function sendRaw(host: string, method: string, url: string, opts: RequestOptions = {}): Promise<Reply> {
  const [hostname, port] = [host.slice(0, host.lastIndexOf(":")), Number(host.slice(host.lastIndexOf(":") + 1))];
  const headers: Record<string, string> = opts.noHost ? {} : { host };
  let body: Uint8Array = new Uint8Array(0);
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = new TextEncoder().encode(JSON.stringify(opts.json));
  } else if (typeof opts.body === "string") {
    body = new TextEncoder().encode(opts.body);
  } else if (opts.body instanceof Uint8Array) {
    body = opts.body;
  } else if (opts.body !== undefined && opts.body !== null) {
    throw new Error("sendRaw sends only string, Uint8Array or JSON bodies");
  }
  if (body.length > 0 || method === "POST" || method === "PUT" || method === "PATCH") headers["content-length"] = String(body.length);
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  headers.connection = "close";
  const head = `${method} ${new URL(url, "http://x").pathname}${new URL(url, "http://x").search} HTTP/1.1\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
  const data = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, hostname, () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
    });
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to raw ${method} ${url}`)));
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    // A server may answer before reading a body it refuses, then reset: keep what arrived.
    socket.on("error", (err) => (chunks.length > 0 ? resolve(Buffer.concat(chunks)) : reject(err)));
  });
  const split = data.indexOf("\r\n\r\n");
  assert.ok(split > 0, `a raw HTTP response: ${data.toString("latin1").slice(0, 200)}`);
  const [statusLine, ...lines] = data.subarray(0, split).toString("latin1").split("\r\n");
  const status = Number(statusLine!.match(/^HTTP\/1\.[01] (\d{3})/)?.[1]);
  const replyHeaders = new Headers();
  for (const line of lines) {
    const i = line.indexOf(":");
    replyHeaders.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  let rest = data.subarray(split + 4);
  if (/chunked/i.test(replyHeaders.get("transfer-encoding") ?? "")) {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = rest.indexOf("\r\n");
      const size = parseInt(rest.subarray(0, eol).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  } else if (replyHeaders.has("content-length")) {
    rest = rest.subarray(0, Number(replyHeaders.get("content-length")));
  }
  const text = rest.toString("utf8");
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status, headers: replyHeaders, text, body: parsed };
}

/** Asserts a 2xx answer and returns its JSON. */
async function ok(reply: Promise<Reply>, what: string): Promise<any> {
  const r = await reply;
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

for (const rt of runtimes) {
  const test = suite(`e2e daemon bad input (${rt.name}, ${cases.length} cases over sockets)`);
  let tmp: { dir: string; cleanup: () => void };
  let daemon: Daemon;
  let origin: string;
  let world: CaseWorld;
  const send = (c: Case, opts?: RequestOptions) =>
    rawReason(c, opts) ? sendRaw(new URL(origin).host, c.method, c.path, opts) : sendFetch(origin, c.method, c.path, opts);

  test.before(async () => {
    tmp = tempDir("maestro-bad-input-");
    const db = path.join(tmp.dir, "maestro.db");
    const repo = path.join(tmp.dir, "repo-1");
    fs.mkdirSync(repo);
    daemon = await startDaemon(rt, db);
    origin = daemon.url;
    const discovery = JSON.parse(fs.readFileSync(`${db}.daemon.json`, "utf8")) as { token: string; url: string };
    assert.is(discovery.url, origin);
    // The state tests/http/bad-input.test.ts seeds in-process, made through the daemon's own API.
    const project = await ok(sendFetch(origin, "POST", "/api/v1/app/projects", { json: { name: "Demo", repo_path: repo } }), "create project");
    assert.is(project.name, "Demo");
    const first = await ok(sendFetch(origin, "POST", "/api/v1/app/issues", { json: { project_id: "Demo", title: "First" } }), "create DEMO-1");
    assert.is(first.identifier, "DEMO-1");
    const second = await ok(sendFetch(origin, "POST", "/api/v1/app/issues", { json: { project_id: "Demo", title: "Second", blocked_by: ["DEMO-1"] } }), "create DEMO-2");
    assert.is(second.identifier, "DEMO-2");
    const root = await ok(sendFetch(origin, "POST", "/api/v1/app/issues/DEMO-1/comments", { json: { body: "root" } }), "comment");
    const reply = await ok(sendFetch(origin, "POST", "/api/v1/app/issues/DEMO-1/comments", { json: { body: "reply", parent_comment_id: root.id } }), "reply");
    const repos = new Map([["Demo", project.repo_path as string]]);
    const replies = new Map([["DEMO-1", reply.id as string]]);
    world = {
      opsToken: discovery.token,
      host: new URL(origin).host,
      repoOf: (p) => repos.get(p)!,
      firstReplyId: (identifier) => replies.get(identifier)!,
    };
  });

  test.after(async () => {
    if (daemon) assert.is(await daemon.stop(), 0, `the daemon shuts down cleanly; stderr: ${daemon.stderr()}`);
    tmp?.cleanup();
  });

  test("the seeded world: the ops token works and the reply is the first reply of DEMO-1", async () => {
    const { result: status } = await ok(sendFetch(origin, "POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Bearer ${world.opsToken}` } }), "ops get_status");
    assert.is(status.projects, 1);
    assert.is(status.total, 2);
    const comments = await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1/comments"), "list comments");
    assert.is(comments.items[0].replies[0].id, world.firstReplyId("DEMO-1"));
  });

  const run = (c: Case) =>
    test(`${c.method} ${c.name} -> ${c.status} ${c.code}`, async () => {
      const opts = optsOf(c, world);
      const reply = await send(c, opts);
      assert.is.not(reply.status, 500, `never a 500: ${reply.text.slice(0, 300)}`);
      assertError(reply, c.status, c.code, c.message);
      if (c.allow) assert.is(reply.headers.get("allow"), c.allow);
    });
  for (const c of cases) run(c);

  test("every case went over a socket, all but a few through fetch", () => {
    const raw = cases.filter((c) => rawReason(c, optsOf(c, world)));
    assert.ok(cases.length >= 100, `${cases.length} cases`);
    assert.ok(raw.length <= 5, `raw-socket cases: ${raw.map((c) => `${c.name} (${rawReason(c, optsOf(c, world))})`).join(", ")}`);
  });

  test("nothing changed: every refused request left the daemon's tracker as it was", async () => {
    const { result: status } = await ok(sendFetch(origin, "POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Bearer ${world.opsToken}` } }), "ops get_status");
    assert.is(status.projects, 1);
    assert.is(status.total, 2);
    assert.is((await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1"), "get DEMO-1")).state, "backlog");
    assert.is((await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1/assets"), "list assets")).items.length, 0);
    assert.not.match(daemon.stderr(), /internal|Error/i, "nothing reached the daemon's internal-error path");
  });

  test.run();
}
