/**
 * Malformed CLI input: bad commands, unknown flags, missing and wrong-typed
 * values, bad paths and URLs. Each must exit non-zero with exactly one stderr
 * line starting `maestro: `, nothing on stdout, and no stack trace.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { baseEnv, bundlePath, caseDir, expect, type FaultCase, http, node, type Outcome, repoRoot, runMaestro, startDaemon } from "./harness.ts";

/** Runs the bundle under Node without blocking the event loop (the suite runs cases side by side). */
export function runAsync(args: string[], opts: { cwd?: string; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundlePath, ...args], { cwd: opts.cwd ?? repoRoot, env: baseEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs `fn` over `items`, `n` at a time, keeping order. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  }));
  return out;
}

/** The argv lists, each malformed in one way; `{db}`, `{dir}`, `{garbage}` are filled in. */
function inputs(): string[][] {
  const list: string[][] = [
    ["frobnicate"], ["issue", "frobnicate"], ["project", "explode"], ["epic", "zap"], ["--nope"], ["issue", "--nope"],
    ["-x"], ["issue", "create"], ["issue", "create", "T"], ["issue", "create", "T", "--project"],
    ["issue", "create", "T", "--project", "nope"], ["issue", "create", "   ", "--project", "Demo"],
    ["issue", "show"], ["issue", "show", "NOPE-9"], ["issue", "show", "DEMO-1", "DEMO-2"], ["issue", "show", "X".repeat(5000)],
    ["issue", "move", "DEMO-1"], ["issue", "move", "DEMO-1", "limbo"], ["issue", "move", "NOPE-9", "ready"],
    ["issue", "update", "DEMO-1", "--clear-project"], ["issue", "update", "NOPE-9", "--title", "x"], ["issue", "delete", "NOPE-9"],
    ["project", "create", "X"], ["project", "create", "", "--repo", "/tmp"],
    ["project", "show", "nope"], ["project", "start", "nope"], ["project", "delete", "nope"],
    ["epic", "create"], ["epic", "create", "E"], ["epic", "create", "E", "--project", "nope"], ["epic", "show", "nope"],
    ["issue", "list", "--state", "nope"], ["issue", "list", "--sort", "sideways"], ["issue", "list", "--project", "nope"],
    ["issue", "list", "--blocked=maybe"], ["issue", "list", "--type", "weird"], ["issue", "list", "--bogus"],
    ["events", "--since", "abc"], ["events", "--since", "-1"], ["events", "--limit", "0"],
    ["interrupts", "answer", "NOPE-9"], ["runtime-series", "--hours", "abc"], ["runtime-series", "--hours", "721"],
    ["run", "--port", "abc"], ["run", "--port", "70000"], ["run", "--port", "-1"], ["run", "--port", "1.5"], ["run", "--max-agents", "0"],
    ["run", "--max-agents", "x"], ["run", "--host", "999.1.1.1", "--port", "0"],
    ["run", "--host", "0.0.0.0", "--port", "0", "--token", ""],
    ["verify", "/nonexistent/repo"], ["workflow", "init", "/nonexistent/repo"], ["workflow", "frob"],
    ["issue", "list", "--db", ""], ["issue", "list", "--db", "{dir}"], ["issue", "list", "--db", "{garbage}"],
    ["issue", "list", "--db", "{garbage}/x.db"], ["issue", "list", "--api-url", "not a url"], ["issue", "list", "--api-url", "ftp://127.0.0.1/"],
    ["issue", "list", "--api-url", "http://127.0.0.1:9"], ["status", "--api-url", "http://127.0.0.1:9"], ["issue", "create", "T", "--project", "Demo", "--blocked-by", "NOPE-9"],
    ["issue", "create", "T", "--project", "Demo", "--epic", "nope"],
    ["issue", "create", "T", "--project", "Demo", "--type", "recurring", "--cron", "not a cron"], ["issue", "create", "T", "--project", "Demo", "--cron", "61 * * * *", "--type", "recurring"],
    ["issue", "create", "T", "--project", "Demo", "--permission-profile", "root"], ["issue", "create", "T", "--project", "Demo", "--enabled=maybe"],
    ["issue", "create", "T", "--project", "Demo", "--state", "in_progress", "--blocked-by", "DEMO-1"],
    ["sessions", "NOPE-9"], ["board", "--project", "nope"], ["version", "--bogus"],
  ];
  for (const cmd of [["issue", "create", "T", "--project", "Demo"], ["issue", "update", "DEMO-1"]]) {
    for (const v of ["high", "-1", "1.5", "1e3", "", "99999999999999999999", "0x10", "1 2"]) list.push([...cmd, "--priority", v]);
    for (const [flag, v] of [["--state", "flying"], ["--type", "weird"], ["--permission-profile", "root"], ["--blocked-by", "NOPE-1"], ["--epic", "nope"]] as const) list.push([...cmd, flag, v]);
    list.push([...cmd, "--priority"], [...cmd, "--bogus", "1"], [...cmd, "--title"]);
  }
  for (const cmd of ["issue list", "project list", "epic list", "board", "status", "events", "sessions", "doctor", "verify", "mcp", "run"]) {
    list.push([...cmd.split(" "), "--no-such-flag"]);
  }
  for (const v of ["0", "abc", "501", "100000", "-5", "1.5", ""]) list.push(["issue", "list", "--limit", v]);
  for (const v of ["-1", "abc", "1.5"]) list.push(["issue", "list", "--offset", v]);
  return list;
}

export const malformedCliCase: FaultCase = {
  name: "malformed CLI input",
  async run(): Promise<Outcome> {
    const { dir, db, repo, cleanup } = caseDir("cli");
    try {
      const garbage = path.join(dir, "garbage.db");
      fs.writeFileSync(garbage, "this is not a SQLite database\n".repeat(200));
      for (const args of [["project", "create", "Demo", "--repo", repo], ["issue", "create", "First", "--project", "Demo"]]) {
        const r = runMaestro(node, [...args, "--db", db]);
        if (r.code !== 0) throw new Error(`seeding: maestro ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      }
      // Through a live daemon: the commands do not queue on the database lock, and the daemon must survive them.
      const daemon = await startDaemon(node, db);
      const all = inputs().map((a) => a.map((x) => x.replace("{dir}", dir).replace("{garbage}", garbage)));
      const tried = `${all.length} malformed command lines (unknown commands and flags, missing and wrong-typed values, bad --db/--api-url, refused moves)`;
      const results = await pool(all, 3, async (args) => {
        const withDb = args.includes("--db") ? args : [...args, "--db", db];
        const t = Date.now();
        const r = await runAsync(withDb);
        if (process.env.FAULTS_SLOW && Date.now() - t > 2000) console.log(`slow ${Date.now() - t} ms: ${args.join(" ")}`);
        return { args, r };
      });
      const health = await http(`${daemon.url}/health`);
      const code = await daemon.stop();
      expect(health.status === 200 && code === 0, tried, `after the inputs the daemon answered /health ${health.status} and exited ${code}: ${daemon.stderr().slice(-300)}`);
      const bad = results.filter(({ r }) => {
        const lines = r.stderr.trimEnd().split("\n");
        return r.code === 0 || r.code === -1 || r.stdout !== "" || lines.length !== 1 || !lines[0]!.startsWith("maestro: ") || /\n\s+at /.test(r.stderr);
      });
      const show = bad.slice(0, Number(process.env.FAULTS_SHOW ?? 6)).map(({ args, r }) => `\`maestro ${args.join(" ").slice(0, 80)}\` → exit ${r.code}, stdout ${JSON.stringify(r.stdout.slice(0, 60))}, stderr ${JSON.stringify(r.stderr.slice(0, 160))}`);
      expect(bad.length === 0, tried, `${bad.length} not answered with one "maestro: " line and a non-zero exit: ${show.join(" | ")}`);
      const codes = [...new Set(results.map(({ r }) => r.code))].sort();
      return { tried, found: `all ${all.length} (through a live daemon) exited non-zero (codes ${codes.join(", ")}) with one "maestro: …" stderr line, no stack trace, nothing on stdout` };
    } finally {
      cleanup();
    }
  },
};
