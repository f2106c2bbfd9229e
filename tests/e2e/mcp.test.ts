import * as fs from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import WebSocket from "ws";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { baseEnv, bundlePath, runMaestro, runtimes, type RuntimeUnderTest } from "../helpers/bundle.ts";
import { cliWorld } from "./cli-harness.ts";
import { type Daemon, startDaemon } from "./daemon-harness.ts";

/** The reference's 32 built-in tools (inventory §2.3): every one must exist under its name. */
const REFERENCE_TOOLS = [
  "server_info", "create_project", "update_project", "list_projects", "delete_project", "create_epic", "update_epic",
  "list_epics", "delete_epic", "create_issue", "get_issue", "list_issue_comments", "list_issues", "update_issue",
  "attach_issue_asset", "create_issue_comment", "update_issue_comment", "delete_issue_comment", "delete_issue_asset",
  "set_issue_state", "set_issue_workflow_phase", "delete_issue", "run_project", "stop_project", "get_issue_execution",
  "retry_issue", "run_issue_now", "board_overview", "set_blockers", "list_runtime_events", "get_runtime_snapshot",
  "list_sessions",
];
/** Tools the reference wrongly marks read-only although they write. */
const WRITERS = [
  "update_issue", "attach_issue_asset", "create_issue_comment", "update_issue_comment", "set_issue_state",
  "set_issue_workflow_phase", "set_blockers", "create_issue", "delete_issue", "run_project", "stop_project", "retry_issue",
];

type CallResult = { content: { type: string; text: string }[]; isError?: boolean };

interface Session {
  client: Client;
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallResult>;
  /** The JSON of a successful call. */
  ok<T = any>(name: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function connect(rt: RuntimeUnderTest, db: string): Promise<Session> {
  const [command, ...pre] = rt.command(bundlePath);
  const transport = new StdioClientTransport({
    command: command!,
    args: [...pre, "mcp", "--db", db],
    env: baseEnv() as Record<string, string>,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: "maestro-e2e", version: "1.0.0" });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallResult;
  return {
    client,
    stderr: () => stderr,
    call,
    async ok(name, args) {
      const r = await call(name, args);
      assert.not.ok(r.isError, `${name} failed: ${r.content[0]?.text}`);
      return JSON.parse(r.content[0]!.text);
    },
    close: () => client.close(),
  };
}

/** A database with a live daemon and an SDK client connected through `maestro mcp`; all stopped afterwards. */
async function withMcp(rt: RuntimeUnderTest, fn: (w: ReturnType<typeof cliWorld>, s: Session, d: Daemon) => Promise<void>): Promise<void> {
  const w = cliWorld(rt);
  const d = await startDaemon(rt, w.db);
  const s = await connect(rt, w.db).catch(async (err) => {
    await d.stop();
    w.cleanup();
    throw err;
  });
  try {
    await fn(w, s, d);
  } finally {
    await s.close();
    await d.stop();
    w.cleanup();
  }
}

function assertToolError(r: CallResult, re: RegExp): void {
  assert.ok(r.isError, `expected a tool error, got ${r.content[0]?.text}`);
  assert.match(r.content[0]!.text, re);
}

for (const rt of runtimes) {
  const test = suite(`e2e mcp (${rt.name})`);

  test("with no live daemon: exit 4, one line naming the database and the fix, nothing on stdout", () => {
    const w = cliWorld(rt);
    try {
      const r = runMaestro(rt, ["mcp", "--db", w.db]);
      assert.is(r.code, 4);
      assert.is(r.stdout, "");
      assert.is(r.stderr, `maestro: no live Maestro daemon for ${w.db}; start it with: maestro run --db ${w.db}\n`);
    } finally {
      w.cleanup();
    }
  });

  test("--config codex|claude|json runs this very file with this runtime; a bad kind is exit 2", () => {
    const w = cliWorld(rt);
    try {
      // The runtime's own executable, symlinks resolved (node_modules/.bin/deno is one).
      const [link, ...pre] = rt.command(bundlePath);
      const exe = fs.realpathSync(link!);
      const json = JSON.parse(w.ok(["mcp", "--config", "json"]));
      assert.equal(json.mcpServers.maestro, { command: exe, args: [...pre, "mcp", "--db", w.db] });
      const codex = w.ok(["mcp", "--config", "codex"]);
      assert.match(codex, /^\[mcp_servers\.maestro\]$/m);
      assert.ok(codex.includes(`command = ${JSON.stringify(exe)}`));
      assert.ok(codex.includes(`args = [${[...pre, "mcp", "--db", w.db].map((a) => JSON.stringify(a)).join(", ")}]`));
      assert.is(w.ok(["mcp", "--config", "claude"]), `claude mcp add --scope user maestro -- ${[exe, ...pre, "mcp", "--db", w.db].join(" ")}\n`);
      const bad = w.run(["mcp", "--config", "vim"]);
      assert.is(bad.code, 2);
      assert.match(bad.stderr, /Invalid --config: expected one of codex, claude, json, got "vim"/);
    } finally {
      w.cleanup();
    }
  });

  test("the SDK client sees the tool set with honest annotations and drives issues end to end", () =>
    withMcp(rt, async (w, s) => {
      assert.is(s.client.getServerVersion()?.name, "maestro");
      const { tools } = await s.client.listTools();
      const names = tools.map((t) => t.name);
      assert.equal(REFERENCE_TOOLS.filter((n) => !names.includes(n)), [], "every reference tool is there");
      for (const name of WRITERS) assert.is(tools.find((t) => t.name === name)!.annotations?.readOnlyHint, false, name);
      for (const name of ["get_issue", "list_issues", "board_overview", "server_info"]) {
        assert.is(tools.find((t) => t.name === name)!.annotations?.readOnlyHint, true, name);
      }
      assert.equal(tools.find((t) => t.name === "create_issue")!.inputSchema.required, ["title", "project_id"]);

      const project = await s.ok("create_project", { name: "Demo", repo_path: w.repo });
      const created = await s.ok("create_issue", { project_id: project.id, title: "From MCP", labels: ["mcp"] });
      assert.is(created.identifier, "DEMO-1");
      assert.is((await s.ok("get_issue", { identifier: "demo-1" })).title, "From MCP");
      // One service: the CLI reads what MCP wrote, through the same daemon.
      assert.is(w.json(["issue", "show", "DEMO-1"]).labels[0], "mcp");
      const updated = await s.ok("update_issue", { identifier: "DEMO-1", title: "Renamed", priority: 2 });
      assert.equal([updated.title, updated.priority], ["Renamed", 2]);
      assert.is((await s.ok("set_issue_state", { identifier: "DEMO-1", state: "ready" })).state, "ready");
      const info = await s.ok("server_info");
      assert.equal([info.name, info.db_path, info.issue_count, info.project_count], ["maestro", w.db, 1, 1]);
      assert.is((await s.ok("run_project", { id: project.id })).state, "running");
      assert.is(w.json(["project", "show", project.id]).project.state, "running");
      // Read answers are kept until the next change, whichever surface makes it.
      assert.is((await s.ok("list_issues")).total, 1);
      w.ok(["issue", "create", "From the CLI", "--project", project.id]);
      assert.is((await s.ok("list_issues")).total, 2);
      assert.is((await s.ok("delete_issue", { identifier: "DEMO-1" })).identifier, "DEMO-1");
      assert.is((await s.ok("list_issues")).total, 1);
      assertToolError(await s.call("get_issue", { identifier: "DEMO-1" }), /^Issue "DEMO-1" not found/);
    }));

  test("list tools paginate and pagination.next_request fetches the next page verbatim", () =>
    withMcp(rt, async (w, s) => {
      const project = w.project();
      for (let i = 1; i <= 5; i++) w.ok(["issue", "create", `Issue ${i}`, "--project", project]);
      const first = await s.ok("list_issues", { project_id: project, sort: "identifier_asc", limit: 2 });
      assert.equal(first.items.map((i: { identifier: string }) => i.identifier), ["DEMO-1", "DEMO-2"]);
      assert.equal([first.total, first.pagination.has_more, first.pagination.next_offset], [5, true, 2]);
      const next = first.pagination.next_request;
      assert.equal(next, { tool: "list_issues", arguments: { project_id: project, sort: "identifier_asc", limit: 2, offset: 2 } });
      const second = await s.ok(next.tool, next.arguments);
      assert.equal(second.items.map((i: { identifier: string }) => i.identifier), ["DEMO-3", "DEMO-4"]);
      const last = await s.ok("list_issues", { ...next.arguments, offset: 4 });
      assert.equal([last.items.length, last.pagination.has_more], [1, false]);
    }));

  test("bad input and unknown things are tool errors naming the field; the session goes on", () =>
    withMcp(rt, async (w, s) => {
      const project = w.project();
      assertToolError(await s.call("create_issue", { project_id: project, title: "x", priority: "high" }), /^Invalid "priority": .*"high"/);
      assertToolError(await s.call("create_issue", { project_id: project }), /^Missing required field "title"/);
      assertToolError(await s.call("create_issue", { project_id: project, title: "x", titel: "y" }), /^Unknown field "titel"/);
      assertToolError(await s.call("set_issue_state", { identifier: "DEMO-404", state: "done" }), /^Issue "DEMO-404" not found/);
      assertToolError(await s.call("no_such_tool"), /^Unknown tool "no_such_tool"/);
      assertToolError(await s.call("retry_issue", { identifier: "DEMO-404" }), /^Issue "DEMO-404" not found/);
      assertToolError(await s.call("answer_interrupt", { id: "nope", decision: "accept" }), /^Interrupt "nope" not found/);
      assert.equal((await s.ok("get_runtime_snapshot")).counts, { running: 0, retrying: 0, paused: 0, interrupts: 0 });
      assertToolError(await s.call("list_runtime_events", { limit: 0 }), /^Invalid "limit"/);
      const events = await s.ok("list_runtime_events", { since: 0 });
      assert.ok(events.events.some((e: { kind: string }) => e.kind === "daemon_started"));
      assert.is((await s.ok("list_projects")).total, 1, "still answering after the errors");
    }));

  test("an issue created over MCP appears on the WebSocket stream", () =>
    withMcp(rt, async (w, s, d) => {
      const project = w.project();
      const ws = new WebSocket(`${d.url.replace("http", "ws")}/api/v1/ws`);
      const invalidations: unknown[] = [];
      await new Promise((resolve, reject) => {
        ws.on("open", resolve);
        ws.on("error", reject);
      });
      const seen = new Promise<void>((resolve) =>
        ws.on("message", (data) => {
          const m = JSON.parse(String(data));
          if (m.type === "invalidate") {
            invalidations.push(m);
            resolve();
          }
        })
      );
      await s.ok("create_issue", { project_id: project, title: "Seen live" });
      await seen;
      assert.ok(invalidations.length >= 1);
      ws.close();
    }));

  test("the private endpoint refuses requests without its token, with a foreign Host or an Origin", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const disc = JSON.parse(fs.readFileSync(`${w.db}.daemon.json`, "utf8"));
      assert.match(disc.mcp_url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      assert.is.not(disc.mcp_url, `${d.url}/mcp`, "a port of its own");
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
      const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
      const post = (extra: Record<string, string>) => fetch(disc.mcp_url, { method: "POST", headers: { ...headers, ...extra }, body });
      assert.is((await post({})).status, 401);
      assert.is((await post({ authorization: "Bearer wrong" })).status, 401);
      assert.is((await post({ authorization: `Bearer ${disc.mcp_token}`, origin: "http://evil.example" })).status, 403);
      const ok = await post({ authorization: `Bearer ${disc.mcp_token}` });
      assert.is(ok.status, 200);
      assert.ok((await ok.json()).result.tools.length >= 32);
      assert.is((await fetch(disc.mcp_url, { headers: { authorization: `Bearer ${disc.mcp_token}` } })).status, 405);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("a restarted daemon: the connected bridge finds it and the next calls succeed", async () => {
    const w = cliWorld(rt);
    let d = await startDaemon(rt, w.db);
    const s = await connect(rt, w.db);
    try {
      const project = w.project();
      assert.is((await s.ok("list_projects")).total, 1);
      assert.is(await d.stop(), 0);
      d = await startDaemon(rt, w.db);
      assert.ok((await s.client.listTools()).tools.length >= 32);
      // The old daemon refused the connection, so even a write was never delivered: it is sent to the new one.
      assert.is((await s.ok("create_issue", { project_id: project, title: "After restart" })).identifier, "DEMO-1");
      assert.is((await s.ok("list_issues")).total, 1);
      assert.match(s.stderr(), /reconnected to the daemon/);
    } finally {
      await s.close();
      await d.stop();
      w.cleanup();
    }
  });

  test("a write that may have reached a daemon that died is answered with an error, not sent twice", async () => {
    const w = cliWorld(rt);
    // A "daemon" that takes the request and drops the connection without answering.
    const sink = createServer((socket) => socket.once("data", () => socket.destroy()));
    await new Promise<void>((r) => sink.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    fs.writeFileSync(`${w.db}.daemon.json`, JSON.stringify({
      pid: process.pid, url, token: "t", version: "test", started_at: "", db_path: w.db, mcp_url: `${url}/mcp`, mcp_token: "t",
    }), { mode: 0o600 });
    const [command, ...pre] = rt.command(bundlePath);
    const transport = new StdioClientTransport({
      command: command!,
      args: [...pre, "mcp", "--db", w.db],
      env: baseEnv() as Record<string, string>,
      stderr: "pipe",
    });
    const client = new Client({ name: "maestro-e2e", version: "1.0.0" });
    // No initialize handshake: the sink cannot answer one; send the call as the client's raw first message.
    const answers: { id: number; error?: { message: string } }[] = [];
    transport.onmessage = (m) => answers.push(m as never);
    try {
      await transport.start();
      await transport.send({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "create_issue", arguments: { title: "x" } } });
      for (let i = 0; i < 100 && answers.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.is(answers[0]?.id, 7);
      assert.match(answers[0]!.error!.message, /request "tools\/call" may have been delivered before the daemon went away, so it was not sent again/);
    } finally {
      await transport.close();
      await client.close().catch(() => {});
      await new Promise((r) => sink.close(r));
      w.cleanup();
    }
  });

  test.run();
}
