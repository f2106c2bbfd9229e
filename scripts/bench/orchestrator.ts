/**
 * Orchestrator figures for `npm run bench`, against a live daemon (ours on
 * Node or Deno, or Go's) driving the bundle's fake app-server:
 * - dispatch latency: from starting `maestro issue move X ready` (the CLI) to
 *   the fake receiving `turn/start`; also from the CLI's exit (the move
 *   acknowledged) to turn/start, and to the agent process's own start. Each
 *   fake writes its MAESTRO_FAKE_TRACE to a file named after its issue, so
 *   runs in flight at once stay apart;
 * - ten concurrent runs, each fake streaming agent-message deltas: the
 *   daemon's CPU (from /proc/<pid>/stat) and RSS while they stream, and RSS idle.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startDaemon, stop } from "./http.ts";
import { eventually, sleep } from "../../tests/helpers/wait.ts";
import { median } from "./measure.ts";

export interface OrchestratorFigures {
  dispatch_p50_ms: number;
  dispatch_p90_ms: number;
  /** From the CLI's exit (the move acknowledged) to turn/start. */
  ack_to_turn_p50_ms: number;
  /** From the CLI's exit to the agent process's start (its performance.timeOrigin): the orchestrator's own part. */
  ack_to_agent_start_p50_ms: number;
  dispatch_samples_ms: number[];
  idle_rss_mb: number;
  busy_rss_mb: number;
  busy_cpu_percent: number;
  busy_events_per_s: number;
}

export interface OrchestratorPlan {
  /** The implementation's command; `daemon` gives the whole `run` argv for a database and port. */
  cmd: string[];
  daemon: (db: string, port: number) => string[];
  bundle: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  port: number;
  rounds: number;
  /**
   * 0: one move at a time, each waiting for its dispatch. Otherwise the moves fall at random moments
   * over this many ms, so a daemon that dispatches on a timer is sampled at every phase of its loop.
   */
  spreadMs: number;
  /** WORKFLOW.md `polling.interval_ms`; absent leaves the key out (the default). */
  pollingIntervalMs?: number;
}

function procStat(pid: number): { cpuTicks: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpuTicks, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

/** A git repository with one commit and a WORKFLOW.md whose codex command runs the fake on `scenario`. */
function prepareRepo(plan: OrchestratorPlan, scenario: string): string {
  const repo = path.join(plan.dir, "repo");
  fs.mkdirSync(repo, { recursive: true });
  // Ours hands the agent MAESTRO_ISSUE_IDENTIFIER; Go's starts it in <workspace root>/<project>/<identifier>.
  const trace = `${plan.dir}/trace-\${MAESTRO_ISSUE_IDENTIFIER:-$(basename "$PWD")}.log`;
  // JSON.stringify: a JSON string is a YAML double-quoted scalar, whatever quotes the command holds.
  const command = `MAESTRO_FAKE_TRACE="${trace}" '${process.execPath}' '${plan.bundle}' fake-codex --scenario '${scenario}'`;
  const polling = plan.pollingIntervalMs === undefined ? "" : `polling:\n  interval_ms: ${plan.pollingIntervalMs}\n`;
  fs.writeFileSync(path.join(repo, "README.md"), "bench\n");
  fs.writeFileSync(path.join(repo, "WORKFLOW.md"), `---
codex:
  command: ${JSON.stringify(command)}
  approval_policy: never
workspace:
  root: "${path.join(plan.dir, "ws")}"
${polling}agent:
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
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "init");
  return repo;
}

/** Epoch ms of the first `<ms> <what>` line in an issue's trace file, once it is there. */
function traced(dir: string, id: string, what: string): number | undefined {
  const file = path.join(dir, `trace-${id}.log`);
  if (!fs.existsSync(file)) return undefined;
  const line = fs.readFileSync(file, "utf8").split("\n").find((l) => l.endsWith(` ${what}`));
  return line ? Number(line.split(" ")[0]) : undefined;
}

interface Sample {
  id: string;
  /** epoch ms before the CLI started and after it exited */
  started: number;
  acked: number;
}

/** Moves `ids` to ready (one at a time, or spread at random over `spreadMs`) and times each dispatch. */
async function sampleDispatch(plan: OrchestratorPlan, cli: (...args: string[]) => string, ids: string[]) {
  const t0 = Date.now();
  const offsets = ids.map(() => Math.random() * plan.spreadMs).sort((a, b) => a - b);
  const samples: Sample[] = [];
  for (const [i, id] of ids.entries()) {
    await sleep(t0 + offsets[i]! - Date.now());
    const started = Date.now();
    cli("issue", "move", id, "ready");
    samples.push({ id, started, acked: Date.now() });
    if (plan.spreadMs === 0) {
      await eventually(() => traced(plan.dir, id, "turn/start"), `turn/start of ${id}`, 60_000, 2);
      await sleep(150); // let the run finish (it pauses: the fake does not move the issue)
    }
  }
  const timed = [];
  for (const s of samples) {
    // A timer-driven loop (Go's: 30 s) may take up to its period to notice the move.
    const turn = await eventually(() => traced(plan.dir, s.id, "turn/start"), `turn/start of ${s.id}`, 90_000, 2);
    timed.push({ total: turn - s.started, ackToTurn: turn - s.acked, ackToStart: traced(plan.dir, s.id, "start")! - s.acked });
  }
  return timed;
}

/** Ten runs streaming at once: the daemon's peak RSS and CPU from the first turn/start until the streams are over. */
async function streamLoad(plan: OrchestratorPlan, pid: number, ids: string[], cli: (...args: string[]) => string) {
  for (const id of ids) cli("issue", "move", id, "ready");
  await eventually(() => ids.find((id) => traced(plan.dir, id, "turn/start")), "the first streaming turn/start", 90_000, 2);
  const before = procStat(pid);
  const t0 = Date.now();
  let peakRss = before.rssMb;
  // Each run ends in about 200 × 10 ms; sample RSS until the streams are over.
  while (Date.now() - t0 < 200 * 10 + 1500) {
    peakRss = Math.max(peakRss, procStat(pid).rssMb);
    await sleep(100);
  }
  const after = procStat(pid);
  const ticksPerSecond = 100;
  return { peakRss, cpuPercent: ((after.cpuTicks - before.cpuTicks) / ticksPerSecond / ((Date.now() - t0) / 1000)) * 100 };
}

export async function measureOrchestrator(plan: OrchestratorPlan): Promise<OrchestratorFigures> {
  // The dispatch scenario ends at once; the streaming one sends 200 one-delta messages 10 ms apart (~600 events/s per run).
  const scenario = path.join(plan.dir, "scenario.json");
  fs.writeFileSync(scenario, JSON.stringify({ steps: [{ message: "ok" }] }));
  const repo = prepareRepo(plan, scenario);
  const db = path.join(plan.dir, "maestro.db");
  const cli = (...args: string[]) => {
    const r = spawnSync(plan.cmd[0]!, [...plan.cmd.slice(1), "--db", db, ...args], { env: plan.env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench: maestro ${args.join(" ")}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const { child, url } = await startDaemon(plan.daemon(db, plan.port), plan.port, plan.env);
  try {
    const project = cli("project", "create", "Bench", "--repo", repo, "--quiet").split("\n").pop()!;
    cli("--api-url", url, "project", "start", project);
    const create = (title: string) => cli("issue", "create", title, "--project", project, "--quiet").split("\n").pop()!;

    const ids = Array.from({ length: plan.rounds }, (_, i) => create(`Dispatch ${i}`));
    const timed = await sampleDispatch(plan, cli, ids);
    const totals = timed.map((t) => t.total).sort((a, b) => a - b);

    await sleep(1000);
    const idle = procStat(child.pid!);
    fs.writeFileSync(scenario, JSON.stringify({ delayMs: 10, steps: Array.from({ length: 200 }, (_, i) => ({ message: [`delta ${i}`] })) }));
    const busy = await streamLoad(plan, child.pid!, Array.from({ length: 10 }, (_, i) => create(`Stream ${i}`)), cli);
    return {
      dispatch_p50_ms: median(totals),
      dispatch_p90_ms: totals[Math.floor(totals.length * 0.9)]!,
      ack_to_turn_p50_ms: median(timed.map((t) => t.ackToTurn)),
      ack_to_agent_start_p50_ms: median(timed.map((t) => t.ackToStart)),
      dispatch_samples_ms: totals,
      idle_rss_mb: idle.rssMb,
      busy_rss_mb: busy.peakRss,
      busy_cpu_percent: busy.cpuPercent,
      busy_events_per_s: (10 * 200 * 3) / (200 * 10 / 1000),
    };
  } finally {
    await stop(child);
  }
}
