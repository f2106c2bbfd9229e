/**
 * Orchestrator figures for `npm run bench`, against a real daemon (Node or
 * Deno) and the bundle's fake app-server:
 * - dispatch latency: from starting `maestro issue move X ready` (the CLI,
 *   through the live daemon) to the fake receiving `turn/start` (its
 *   MAESTRO_FAKE_TRACE file stamps each request it receives);
 * - ten concurrent runs, each fake streaming agent-message deltas: the
 *   daemon's CPU (from /proc/<pid>/stat) and RSS while they stream, and RSS idle.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { median } from "./measure.ts";

export interface OrchestratorFigures {
  dispatch_p50_ms: number;
  dispatch_p90_ms: number;
  /** From the CLI's exit (the move acknowledged) to turn/start. */
  ack_to_turn_p50_ms: number;
  dispatch_samples: number;
  idle_rss_mb: number;
  busy_rss_mb: number;
  busy_cpu_percent: number;
  busy_events_per_s: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`bench: never happened: ${what}`);
    await sleep(2);
  }
}

function procStat(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpuTicks, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

export async function measureOrchestrator(runtimeArgv: string[], bundle: string, dir: string, env: NodeJS.ProcessEnv): Promise<OrchestratorFigures> {
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(repo, "README.md"), "bench\n");
  git("add", ".");
  git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "init");
  // The dispatch scenario ends at once; the streaming one sends 200 one-delta messages 10 ms apart (~600 events/s per run).
  const quick = path.join(dir, "quick.json");
  fs.writeFileSync(quick, JSON.stringify({ steps: [{ message: "ok" }] }));
  const stream = path.join(dir, "stream.json");
  fs.writeFileSync(stream, JSON.stringify({ delayMs: 10, steps: Array.from({ length: 200 }, (_, i) => ({ message: [`delta ${i}`] })) }));
  const scenarioLink = path.join(dir, "scenario.json");
  fs.copyFileSync(quick, scenarioLink);
  fs.writeFileSync(path.join(repo, "WORKFLOW.md"), `---
codex:
  command: "'${process.execPath}' '${bundle}' fake-codex --scenario '${scenarioLink}'"
  approval_policy: never
workspace:
  root: "${path.join(dir, "ws")}"
agent:
  max_turns: 1
  max_concurrent_agents: 10
phases:
  review:
    enabled: false
  done:
    enabled: false
---
Bench {{ issue.identifier }}
`);
  const db = path.join(dir, "maestro.db");
  const trace = path.join(dir, "trace.log");
  const daemonEnv = { ...env, MAESTRO_FAKE_TRACE: trace };
  const cli = (...args: string[]) => {
    const r = spawnSync(runtimeArgv[0]!, [...runtimeArgv.slice(1), bundle, ...args, "--db", db], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench: maestro ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  const daemon = spawn(runtimeArgv[0]!, [...runtimeArgv.slice(1), bundle, "run", "--port", "0", "--db", db], { env: daemonEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  daemon.stdout!.on("data", (d) => (out += d));
  try {
    await until(() => (/dashboard http/.test(out) ? true : undefined), "the daemon banner", 20_000);
    cli("project", "create", "Bench", "--repo", repo, "--quiet");
    cli("project", "start", "Bench");
    const turnStarts = () => (fs.existsSync(trace) ? fs.readFileSync(trace, "utf8").split("\n").filter((l) => l.endsWith(" turn/start")) : []);

    const samples: number[] = [];
    const afterAck: number[] = [];
    const rounds = 15;
    for (let i = 1; i <= rounds; i++) {
      const id = cli("issue", "create", `Dispatch ${i}`, "--project", "Bench", "--quiet").trim();
      const t0 = Date.now();
      cli("issue", "move", id, "ready");
      const acked = Date.now();
      const line = await until(() => turnStarts()[i - 1], `turn/start of ${id}`);
      samples.push(Number(line.split(" ")[0]) - t0);
      afterAck.push(Number(line.split(" ")[0]) - acked);
      // Let the run finish (it pauses: the fake does not move the issue) before the next sample.
      await sleep(150);
    }
    samples.sort((a, b) => a - b);

    await sleep(1000);
    const pid = daemon.pid!;
    const idle = procStat(pid);
    fs.copyFileSync(stream, scenarioLink);
    const ids = Array.from({ length: 10 }, (_, i) => cli("issue", "create", `Stream ${i}`, "--project", "Bench", "--quiet").trim());
    const before = procStat(pid);
    const t0 = Date.now();
    for (const id of ids) cli("issue", "move", id, "ready");
    let peakRss = before.rssMb;
    // Each run ends in about 200 × 10 ms; sample RSS until the streams are over.
    const streamMs = 200 * 10 + 1500;
    while (Date.now() - t0 < streamMs) {
      peakRss = Math.max(peakRss, procStat(pid).rssMb);
      await sleep(100);
    }
    const after = procStat(pid);
    const elapsed = (Date.now() - t0) / 1000;
    const ticksPerSecond = 100;
    return {
      dispatch_p50_ms: median(samples),
      dispatch_p90_ms: samples[Math.floor(samples.length * 0.9)]!,
      dispatch_samples: samples.length,
      ack_to_turn_p50_ms: median(afterAck),
      idle_rss_mb: idle.rssMb,
      busy_rss_mb: peakRss,
      busy_cpu_percent: ((after.cpuTicks - before.cpuTicks) / ticksPerSecond / elapsed) * 100,
      busy_events_per_s: (10 * 200 * 3) / (200 * 10 / 1000),
    };
  } finally {
    daemon.kill("SIGTERM");
    await new Promise((r) => daemon.once("exit", r));
  }
}
