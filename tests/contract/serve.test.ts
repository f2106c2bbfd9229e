/**
 * runtime.serve, one contract for both adapters: the same fixture app
 * (tests/fixtures/serve-app.ts) runs under Node and Deno and is driven over
 * real sockets with Node's fetch and the `ws` client.
 */
import * as net from "node:net";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { WebSocket } from "ws";
import { runtimes, type RuntimeUnderTest } from "../helpers/bundle.ts";
import { startFixture, waitForExit, waitForLine } from "../helpers/fixtures.ts";

type Fixture = ReturnType<typeof startFixture>;

async function start(rt: RuntimeUnderTest, args: string[] = []): Promise<{ app: Fixture; url: string }> {
  const app = startFixture(rt, "serve-app", args);
  const line = await waitForLine(app, /^(listening|error) /);
  // "listening <url>", or "error <code>" when binding failed.
  return { app, url: line.slice(line.indexOf(" ") + 1) };
}

async function stop(app: Fixture): Promise<void> {
  if (app.exitCode === null && app.signalCode === null) app.kill("SIGKILL");
  await waitForExit(app);
}

/** Opens a WebSocket and collects what happens to it; every wait is bounded. */
function openSocket(url: string) {
  const ws = new WebSocket(url);
  const messages: string[] = [];
  let waiters: (() => void)[] = [];
  const changed = () => (waiters.forEach((w) => w()), (waiters = []));
  const state: { closeCode?: number; status?: number; body?: string } = {};
  ws.on("message", (data) => (messages.push(data.toString()), changed()));
  ws.on("close", (code) => ((state.closeCode = code), changed()));
  ws.on("unexpected-response", (_req, res) => {
    state.status = res.statusCode;
    let body = "";
    res.on("data", (d: Buffer) => (body += d));
    res.on("end", () => ((state.body = body), (state.closeCode = -1), changed()));
  });
  ws.on("error", () => changed());
  const until = <T>(pick: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
      const check = () => {
        const v = pick();
        if (v === undefined) return void waiters.push(check);
        clearTimeout(timer);
        resolve(v);
      };
      check();
    });
  return {
    ws,
    state,
    message: (i: number) => until(() => messages[i], `message ${i}`),
    closed: () => until(() => state.closeCode, "close"),
  };
}

/** Resolves with the error code of a fresh TCP connection attempt ("connected" when it succeeds). */
function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once("connect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
  });
}

/** Sends raw bytes (fetch will not let a test forge the Host header) and returns everything the server sent. */
function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let reply = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (reply += d));
    socket.once("end", () => resolve(reply));
    socket.once("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("no reply in 10 s")));
  });
}

for (const rt of runtimes) {
  const test = suite(`serve (${rt.name})`);
  let app: Fixture;
  let url = "";
  test.before(async () => {
    ({ app, url } = await start(rt));
  });
  test.after(() => stop(app));

  test("port 0 binds a real port and the url names it", () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(Number(new URL(url).port) > 0);
  });

  test("method, url, headers and body reach the handler", async () => {
    const res = await fetch(`${url}/echo?x=1&y=two`, {
      method: "PATCH",
      headers: { "content-type": "text/plain", "x-custom": "yes" },
      body: "hello body",
    });
    assert.is(res.status, 200);
    const got = await res.json();
    assert.is(got.method, "PATCH");
    assert.is(got.url, `${url}/echo?x=1&y=two`);
    assert.is(got.headers["x-custom"], "yes");
    assert.is(got.headers.host, new URL(url).host);
    assert.is(got.body, "hello body");
    assert.is(got.remote_address.replace(/^::ffff:/, ""), "127.0.0.1");
  });

  test("a 1 MB body streams to the handler and back intact", async () => {
    const body = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) % 251);
    const res = await fetch(`${url}/echo-body`, { method: "POST", body });
    assert.is(res.status, 200);
    assert.equal(new Uint8Array(await res.arrayBuffer()), body);
  });

  test("a streamed response arrives in order", async () => {
    const res = await fetch(`${url}/stream`);
    assert.is(await res.text(), "chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n");
  });

  test("HEAD answers with headers and no body", async () => {
    const res = await fetch(`${url}/echo`, { method: "HEAD" });
    assert.is(res.status, 200);
    assert.is(res.headers.get("content-type"), "application/json");
    assert.is(await res.text(), "");
  });

  test("multiple set-cookie headers stay separate", async () => {
    const res = await fetch(`${url}/cookies`);
    assert.equal(res.headers.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
  });

  test("a throwing or rejecting handler gives 500 JSON and the server keeps serving", async () => {
    for (const path of ["/throw", "/reject"]) {
      const res = await fetch(`${url}${path}`);
      assert.is(res.status, 500);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      assert.is((await res.json()).error.code, "internal");
    }
    await waitForLine(app, /^handler error async boom$/);
    assert.is((await fetch(`${url}/echo`)).status, 200);
  });

  test("a client that disconnects aborts req.signal", async () => {
    const client = new AbortController();
    const pending = fetch(`${url}/wait-abort`, { signal: client.signal }).catch((err: Error) => err);
    await waitForLine(app, /^waiting for abort$/);
    client.abort();
    assert.instance(await pending, Error);
    await waitForLine(app, /^aborted \/wait-abort$/);
  });

  test("a WebSocket echoes text and the server can send first", async () => {
    const s = openSocket(`${url.replace("http", "ws")}/ws`);
    const hello = JSON.parse(await s.message(0));
    assert.is(hello.type, "hello");
    assert.type(hello.buffered, "number");
    s.ws.send("ping");
    assert.is(await s.message(1), "echo:ping");
    s.ws.send("close-me");
    assert.is(await s.closed(), 4000);
    await waitForLine(app, /^ws closed 4000$/);
  });

  test("a refused upgrade answers with the handler's Response", async () => {
    const s = openSocket(`${url.replace("http", "ws")}/nope`);
    assert.is(await s.closed(), -1);
    assert.is(s.state.status, 403);
    assert.is(JSON.parse(s.state.body ?? "{}").error.code, "forbidden");
  });

  test("a throwing upgrade handler gives 500 JSON", async () => {
    const s = openSocket(`${url.replace("http", "ws")}/ws-throw`);
    assert.is(await s.closed(), -1);
    assert.is(s.state.status, 500);
    assert.is(JSON.parse(s.state.body ?? "{}").error.code, "internal");
  });

  test("a throwing message handler closes its socket with 1011, not the server", async () => {
    const s = openSocket(`${url.replace("http", "ws")}/ws`);
    await s.message(0);
    s.ws.send("throw");
    assert.is(await s.closed(), 1011);
    assert.is((await fetch(`${url}/echo`)).status, 200);
  });

  test("a handler may stop reading a large upload and still answer", async () => {
    const res = await fetch(`${url}/reject-body`, { method: "POST", body: new Uint8Array(4 * 1024 * 1024) });
    assert.is(res.status, 413);
    assert.is((await res.json()).error.code, "too_large");
    assert.is((await fetch(`${url}/echo`)).status, 200);
  });

  test("a response stream that errors midway cuts the connection instead of ending cleanly", async () => {
    // Whether the status line got out before the cut is up to the runtime; a clean end never is.
    const outcome = await fetch(`${url}/broken-stream`)
      .then((res) => res.text())
      .then((text) => `complete: ${text}`, () => "cut");
    assert.is(outcome, "cut");
    await waitForLine(app, /^handler error stream broke$/);
  });

  test("binary and oversize WebSocket messages close with 1003 and 1009", async () => {
    const binary = openSocket(`${url.replace("http", "ws")}/ws`);
    await binary.message(0);
    binary.ws.send(new Uint8Array([1, 2, 3]));
    assert.is(await binary.closed(), 1003);
    const big = openSocket(`${url.replace("http", "ws")}/ws`);
    await big.message(0);
    big.ws.send("x".repeat(1024 * 1024 + 1));
    assert.is(await big.closed(), 1009);
  });

  test("a Host header that is not host[:port] gets 400 JSON", async () => {
    const reply = await rawRequest(url, `GET /echo HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n`);
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.match(reply, /"code":"invalid_input"/);
  });

  test("a second server on the same port fails with EADDRINUSE", async () => {
    const second = await start(rt, ["--port", new URL(url).port]);
    assert.is(second.url, "EADDRINUSE");
    assert.is(await waitForExit(second.app), 2);
  });

  test.run();

  const shutdown = suite(`serve shutdown (${rt.name})`);
  shutdown("SIGTERM lets an in-flight request finish, refuses new connections, closes WebSockets with 1001", async () => {
    const { app, url } = await start(rt);
    try {
      const s = openSocket(`${url.replace("http", "ws")}/ws`);
      await s.message(0);
      const slow = fetch(`${url}/slow`);
      await waitForLine(app, /^slow started$/);
      app.kill("SIGTERM");
      assert.is(await s.closed(), 1001);
      const res = await slow;
      assert.is(res.status, 200);
      assert.equal(await res.json(), { slow: "done" });
      assert.is(await connectOutcome(url), "ECONNREFUSED");
      assert.is(await waitForExit(app), 0);
      assert.ok(app.lines.includes("closed"), app.lines.join("\n"));
    } finally {
      await stop(app);
    }
  });
  shutdown("after graceMs, shutdown cuts a hung handler and an endless stream and still exits 0", async () => {
    const { app, url } = await start(rt, ["--grace", "300"]);
    try {
      const hung = fetch(`${url}/hang`).then(() => "answered", () => "cut");
      const endless = fetch(`${url}/endless`).then((r) => r.text()).then(() => "ended", () => "cut");
      await waitForLine(app, /^hang started$/);
      await waitForLine(app, /^endless started$/);
      app.kill("SIGTERM");
      assert.is(await waitForExit(app), 0);
      assert.ok(app.lines.includes("closed"), app.lines.join("\n"));
      assert.is(await endless, "cut");
      // Deno may answer a handler it had to abandon with an error status instead of cutting it.
      assert.ok(["cut", "answered"].includes(await hung));
    } finally {
      await stop(app);
    }
  });

  shutdown("without an upgrade handler, WebSocket requests go to fetch", async () => {
    const { app, url } = await start(rt, ["--no-upgrade"]);
    try {
      const s = openSocket(`${url.replace("http", "ws")}/ws`);
      assert.is(await s.closed(), -1);
      assert.is(s.state.status, 404);
      assert.is(JSON.parse(s.state.body ?? "{}").error.code, "not_found");
      assert.is((await fetch(`${url}/echo`)).status, 200);
    } finally {
      await stop(app);
    }
  });
  shutdown.run();
}
