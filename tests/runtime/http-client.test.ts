import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createNodeHttpClient, postJsonNode } from "../../lib/runtime/http-client.ts";

// The CLI's POST to the daemon on Node: a small HTTP/1.1 exchange over node:net.
const test = suite("runtime http client (Node)");

/** The message `fn` rejects with; fails the test when it resolves. */
async function rejects(fn: () => Promise<unknown>, pattern?: RegExp): Promise<void> {
  let error: unknown;
  try {
    await fn();
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof Error, "expected a rejection");
  if (pattern) assert.match((error as Error).message, pattern);
}

async function withHttp(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

async function withRaw(answer: (socket: Socket) => void, fn: (url: string) => Promise<void>): Promise<void> {
  const server = createNetServer((socket) => socket.once("data", () => answer(socket)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

test("sends method, path, query, headers and a UTF-8 body; reads a Content-Length answer", () =>
  withHttp((req, body, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers["content-type"], body }));
  }, async (url) => {
    const reply = await postJsonNode(`${url}/api/v1/ops?x=1`, { authorization: "Bearer t" }, JSON.stringify({ title: "naïve ✓" }));
    assert.is(reply.status, 200);
    assert.is(reply.statusText, "OK");
    assert.equal(JSON.parse(reply.body), {
      method: "POST",
      url: "/api/v1/ops?x=1",
      auth: "Bearer t",
      type: "application/json",
      body: JSON.stringify({ title: "naïve ✓" }),
    });
  }));

test("reads a chunked answer whole, multi-byte characters split across chunks included", () =>
  withHttp((_req, _body, res) => {
    res.writeHead(422, { "content-type": "application/json" });
    const text = Buffer.from(JSON.stringify({ error: { message: "é".repeat(5000) } }));
    res.write(text.subarray(0, 3));
    res.write(text.subarray(3, 1001));
    res.end(text.subarray(1001));
  }, async (url) => {
    const reply = await postJsonNode(url, {}, "{}");
    assert.is(reply.status, 422);
    assert.is((JSON.parse(reply.body) as { error: { message: string } }).error.message, "é".repeat(5000));
  }));

test("an answer cut short, a non-HTTP answer and a refused connection reject with a message", async () => {
  await withRaw((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), async (url) => {
    await rejects(() => postJsonNode(url, {}, "{}"), /closed before the whole answer/);
  });
  await withRaw((s) => s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), async (url) => {
    await rejects(() => postJsonNode(url, {}, "{}"), /closed before the whole answer/);
  });
  await withRaw((s) => s.end("SSH-2.0-OpenSSH\r\n\r\n"), async (url) => {
    await rejects(() => postJsonNode(url, {}, "{}"), /not an HTTP answer/);
  });
  await withRaw((s) => s.destroy(), async (url) => {
    await rejects(() => postJsonNode(url, {}, "{}"));
  });
  const closed = createNetServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await rejects(() => postJsonNode(`http://127.0.0.1:${port}`, {}, "{}"), /ECONNREFUSED/);
});

test("a header value with a line break is refused before anything is sent", async () => {
  let connected = false;
  await withRaw(() => (connected = true), async (url) => {
    await rejects(() => postJsonNode(url, { authorization: "Bearer a\r\nX-Evil: 1" }, "{}"), /line break/);
  });
  assert.is(connected, false);
});

test("a kept-open client sends many requests over one connection, Content-Length and chunked answers alike", async () => {
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const n = Number(JSON.parse(Buffer.concat(chunks).toString()).n);
      if (n % 2 === 0) res.end(JSON.stringify({ n }));
      else {
        res.write(`{"n":`);
        res.end(`${n}}`);
      }
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const client = createNodeHttpClient();
  try {
    for (let n = 0; n < 6; n++) assert.equal(JSON.parse((await client.postJson(url, {}, JSON.stringify({ n }))).body), { n });
    assert.is(connections, 1);
    // The server drops its idle connections: the next request opens a new one.
    server.closeIdleConnections();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(JSON.parse((await client.postJson(url, {}, JSON.stringify({ n: 8 }))).body), { n: 8 });
    assert.is(connections, 2);
  } finally {
    client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test("an idle kept-open connection is closed by the client after its idle time, before the server's", async () => {
  const closed: string[] = [];
  const server = createServer((_req, res) => res.end("{}"));
  server.on("connection", (s) => s.on("close", () => closed.push("closed")));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = createNodeHttpClient(100);
  try {
    await client.postJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {}, "{}");
    assert.equal(closed, []);
    for (let i = 0; i < 40 && closed.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(closed, ["closed"]);
  } finally {
    client.close();
    await new Promise((r) => server.close(r));
  }
});

test.run();
