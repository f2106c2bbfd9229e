import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { WebSocketConnection, WebSocketHandlers } from "../../lib/http/mod.ts";
import { type HttpFixture, START, withHttp } from "./fixture.ts";

const test = suite("http websocket stream");

/** A stand-in for the runtime's socket: records what is sent and how it was closed. */
class FakeSocket implements WebSocketConnection {
  sent: any[] = [];
  closed: { code?: number; reason?: string } | undefined;
  bufferedAmount = 0;
  send(text: string) {
    if (this.closed) throw new Error("socket closed");
    this.sent.push(JSON.parse(text));
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function connect(fx: HttpFixture, query = ""): Promise<{ ws: FakeSocket; handlers: WebSocketHandlers }> {
  const handlers = await fx.app.upgrade(fx.build("GET", `/api/v1/ws${query}`, { headers: { upgrade: "websocket" } }), {
    remoteAddress: "127.0.0.1",
  });
  if (handlers instanceof Response) throw new Error(`upgrade refused: ${handlers.status} ${await handlers.text()}`);
  const ws = new FakeSocket();
  handlers.onOpen?.(ws);
  return { ws, handlers };
}

test("a client first hears connected with the latest change seq", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    fx.project("Other");
    const { ws } = await connect(fx);
    assert.equal(ws.sent, [{ type: "connected", seq: 2, at: START.toISOString() }]);
  }));

test("a tracker change becomes one invalidate with its seq and runtime_only false", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const { ws } = await connect(fx);
    fx.issue(p.id, "New");
    await settle();
    assert.equal(ws.sent.slice(1), [{ type: "invalidate", seq: 2, at: fx.tick(0).toISOString(), runtime_only: false }]);
  }));

test("notices heard together are coalesced into one merged message", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const { ws } = await connect(fx);
    fx.bus.publishRuntime("tick");
    fx.issue(p.id, "One");
    fx.issue(p.id, "Two");
    fx.bus.publishRuntime("tick");
    await settle();
    const messages = ws.sent.slice(1);
    assert.is(messages.length, 1);
    assert.equal({ ...messages[0], at: undefined }, { type: "invalidate", seq: 3, at: undefined, runtime_only: false });
  }));

test("runtime events alone give runtime_only true with the unchanged change seq", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    const { ws } = await connect(fx);
    fx.bus.publishRuntime("run_started");
    fx.bus.publishRuntime("turn_finished");
    await settle();
    assert.equal(ws.sent.slice(1).map((m) => [m.type, m.seq, m.runtime_only]), [["invalidate", 1, true]]);
    fx.bus.publishRuntime("tick");
    await settle();
    assert.is(ws.sent.length, 3, "a later notice is a new message");
  }));

test("live notices become one runtime_only invalidate naming each running issue once", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    const { ws } = await connect(fx);
    fx.bus.publishLive("iss_a");
    fx.bus.publishLive("iss_b");
    fx.bus.publishLive("iss_a");
    await settle();
    assert.equal(ws.sent.slice(1).map((m) => [m.type, m.runtime_only, m.live_issues]), [["invalidate", true, ["iss_a", "iss_b"]]]);
    fx.bus.publishRuntime("tick");
    await settle();
    assert.is(ws.sent[2]!.live_issues, undefined, "only messages with live news name issues");
  }));

test("?since=N resumes: an invalidate at once unless N is the current seq", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    fx.project("Other");
    const behind = await connect(fx, "?since=1");
    assert.equal(behind.ws.sent.map((m) => [m.type, m.seq, m.runtime_only]), [["connected", 2, undefined], ["invalidate", 2, false]]);
    const current = await connect(fx, "?since=2");
    assert.equal(current.ws.sent.map((m) => m.type), ["connected"]);
    const ahead = await connect(fx, "?since=99");
    assert.equal(ahead.ws.sent.map((m) => m.type), ["connected", "invalidate"], "a seq from elsewhere means refetch");
  }));

test("every connected client hears each change; one closing does not affect the others", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const a = await connect(fx);
    const b = await connect(fx);
    a.handlers.onClose?.(a.ws, 1000);
    fx.issue(p.id, "New");
    await settle();
    assert.is(a.ws.sent.length, 1, "closed client hears nothing more");
    assert.is(b.ws.sent.length, 2);
  }));

test("client messages are ignored", () =>
  withHttp(async (fx) => {
    const { ws, handlers } = await connect(fx);
    handlers.onMessage?.(ws, "hello?");
    await settle();
    assert.is(ws.sent.length, 1);
    assert.is(ws.closed, undefined);
  }));

test("a client with over 1 MiB unsent is closed with 1013 and unsubscribed", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const { ws } = await connect(fx);
    ws.bufferedAmount = 1024 * 1024 + 1;
    fx.issue(p.id, "New");
    await settle();
    assert.is(ws.closed?.code, 1013);
    assert.is(ws.sent.length, 1, "nothing more was queued");
    ws.bufferedAmount = 0;
    fx.issue(p.id, "Another");
    await settle();
    assert.is(ws.sent.length, 1, "no longer subscribed");
  }));

test("a send that throws (socket gone) unsubscribes quietly", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const { ws } = await connect(fx);
    ws.close(1006);
    fx.issue(p.id, "New");
    await settle();
    fx.issue(p.id, "Another");
    await settle();
    assert.is(ws.sent.length, 1);
  }));

test.run();
