import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import WebSocket from "ws";
import { runtimes, spawnMaestro, sqlite3 } from "../helpers/bundle.ts";
import { waitForExit } from "../helpers/fixtures.ts";
import { assertFails, cliWorld } from "./cli-harness.ts";
import { collect, startDaemon } from "./daemon-harness.ts";

for (const rt of runtimes) {
  const test = suite(`e2e daemon (${rt.name})`);

  test("run serves /health, publishes discovery (0600), and a clean SIGTERM folds the journal and withdraws it", async () => {
    const w = cliWorld(rt);
    try {
      const d = await startDaemon(rt, w.db);
      const health = await fetch(`${d.url}/health`);
      assert.is(health.status, 200);
      assert.is((await health.json()).status, "ok");
      const discovery = `${w.db}.daemon.json`;
      assert.is(fs.statSync(discovery).mode & 0o777, 0o600);
      assert.is(JSON.parse(fs.readFileSync(discovery, "utf8")).url, d.url);
      assert.match(d.stdout(), /^Maestro \S+ · dashboard http:\/\/127\.0\.0\.1:\d+ · db /);
      w.ok(["project", "create", "Demo", "--repo", w.repo]);
      assert.is(await d.stop(), 0);
      assert.not.ok(fs.existsSync(discovery));
      assert.not.ok(fs.existsSync(`${w.db}.lock`));
      assert.is(fs.statSync(`${w.db}.journal`).size, 0);
      assert.is(sqlite3(w.db, "PRAGMA integrity_check").stdout, "ok");
      assert.is(sqlite3(w.db, "SELECT name FROM projects").stdout, "Demo");
    } finally {
      w.cleanup();
    }
  });

  test("CLI commands go through the live daemon: a CLI write is in the daemon's API at once", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const project = w.project();
      const created = w.json(["issue", "create", "Routed through the daemon", "--project", project]);
      const res = await fetch(`${d.url}/api/v1/app/issues/${created.identifier}`);
      assert.is(res.status, 200);
      assert.is((await res.json()).title, "Routed through the daemon");
      // Errors keep their exit code and message when they come back over HTTP.
      assertFails(w.run(["issue", "show", "DEMO-99"]), 3, /Issue "DEMO-99" not found/);
      assert.is(w.json(["issue", "list"]).total, 1);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("a body refused before it was read (413) does not break the client's next requests", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const big = JSON.stringify({ project_id: "x", title: "t", description: "d".repeat(2 * 1024 * 1024) });
      for (let i = 0; i < 2; i++) {
        const refused = await fetch(`${d.url}/api/v1/app/issues`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
        assert.is(refused.status, 413);
        assert.is((await refused.json()).error.code, "payload_too_large");
        for (let j = 0; j < 2; j++) assert.is((await fetch(`${d.url}/api/v1/app/projects`)).status, 200);
      }
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("--api-url sends commands to that daemon, with the token from MAESTRO_API_TOKEN", async () => {
    const w = cliWorld(rt);
    const other = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const token = JSON.parse(fs.readFileSync(`${w.db}.daemon.json`, "utf8")).token as string;
      const project = w.project();
      const hostPort = d.url.replace("http://", "");
      // `other.db` has no daemon: without --api-url this would open that file instead.
      assertFails(other.run(["issue", "list", "--api-url", hostPort]), 1, /Missing ops token/);
      const listed = JSON.parse(other.run(["issue", "create", "Remote", "--project", project, "--api-url", d.url, "--json"], { env: { MAESTRO_API_TOKEN: token } }).stdout);
      assert.is(listed.title, "Remote");
      assert.is(w.json(["issue", "list"]).total, 1);
      assert.not.ok(fs.existsSync(other.db));
      assertFails(other.run(["status", "--api-url", "http://[bad"]), 2, /Invalid --api-url/);
    } finally {
      await d.stop();
      w.cleanup();
      other.cleanup();
    }
  });

  test("a second run on the same database is refused with the live pid and URL", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const second = spawnMaestro(rt, ["run", "--port", "0", "--db", w.db]);
      const io = collect(second);
      const code = await waitForExit(second);
      assert.is.not(code, 0);
      const line = io.err().trim();
      assert.is(line.split("\n").length, 1, line);
      assert.match(line, new RegExp(`pid ${d.child.pid} at ${d.url.replace(/[.]/g, "\\.")}`));
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("a stale discovery file (dead pid) is replaced", async () => {
    const w = cliWorld(rt);
    fs.writeFileSync(`${w.db}.daemon.json`, JSON.stringify({ pid: 999999, url: "http://127.0.0.1:1", token: "x", version: "0", started_at: "", db_path: w.db }));
    const d = await startDaemon(rt, w.db);
    try {
      assert.is(JSON.parse(fs.readFileSync(`${w.db}.daemon.json`, "utf8")).pid, d.child.pid);
      assert.match(w.ok(["status"]), new RegExp(`^Daemon: +running, pid ${d.child.pid}, ${d.url}`, "m"));
      assert.is(w.json(["status"]).daemon.pid, d.child.pid);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("the WebSocket stream sends an invalidation for a change made by the CLI", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const ws = new WebSocket(`${d.url.replace("http", "ws")}/api/v1/ws`);
      const messages: { type: string; seq: number }[] = [];
      const invalidated = new Promise<void>((resolve, reject) => {
        ws.on("message", (data) => {
          const m = JSON.parse(String(data));
          messages.push(m);
          if (m.type === "invalidate") resolve();
        });
        ws.on("error", reject);
      });
      await new Promise((resolve) => ws.on("open", resolve));
      w.project();
      await invalidated;
      assert.is(messages[0]!.type, "connected");
      assert.ok(messages.at(-1)!.seq > messages[0]!.seq);
      ws.close();
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("requests with a foreign Host or Origin are refused; off loopback every request needs the token", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      const port = new URL(d.url).port;
      const evilHost = await fetchRaw(port, "GET /health HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n");
      assert.match(evilHost, /^HTTP\/1\.1 403/);
      const post = await fetch(`${d.url}/api/v1/app/projects`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://evil.example" },
        body: JSON.stringify({ name: "X", repo_path: w.repo }),
      });
      assert.is(post.status, 403);
      assert.ok((await post.json()).error.message);
    } finally {
      await d.stop();
    }
    const open = await startDaemon(rt, w.db, ["--host", "0.0.0.0"]);
    try {
      const token = open.stdout().match(/^API token: (\S+)/m)![1]!;
      const port = new URL(open.url).port;
      const without = await fetch(`http://127.0.0.1:${port}/api/v1/app/projects`);
      assert.is(without.status, 401);
      const withToken = await fetch(`http://127.0.0.1:${port}/api/v1/app/projects`, { headers: { authorization: `Bearer ${token}` } });
      assert.is(withToken.status, 200);
    } finally {
      await open.stop();
      w.cleanup();
    }
  });

  test.run();
}

/** Sends raw HTTP (fetch will not let a test forge the Host header). */
async function fetchRaw(port: string, request: string): Promise<string> {
  const net = await import("node:net");
  return await new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.setEncoding("utf8").on("data", (d) => (data += d)).on("end", () => resolve(data)).on("error", reject);
  });
}

for (const rt of runtimes) {
  const test = suite(`e2e daemon events (${rt.name})`);

  test("events lists the daemon's runtime events; --follow prints new ones as they happen", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db);
    try {
      assert.match(w.ok(["events"]), /daemon_started/);
      const listed = w.json(["events"]);
      assert.is(listed.events[0].kind, "daemon_started");
      const project = w.project();
      const follow = spawnMaestro(rt, ["events", "--follow", "--since", String(listed.last_seq), "--db", w.db]);
      const io = collect(follow);
      w.ok(["project", "start", project]);
      await io.waitFor(/project_started/);
      w.ok(["project", "stop", project]);
      await io.waitFor(/project_stopped/);
      follow.kill("SIGINT");
      assert.is(await waitForExit(follow), 0);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("events without a live daemon says how to start one", () => {
    const w = cliWorld(rt);
    try {
      assertFails(w.run(["events"]), 1, /No live Maestro daemon for ".*maestro\.db" \(start it with: maestro run --db /);
    } finally {
      w.cleanup();
    }
  });

  test.run();
}
