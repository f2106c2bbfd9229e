/**
 * Faults around a live agent run, through `maestro run` and the bundle's fake
 * app-server: Codex killed mid-turn, the daemon killed mid-turn, and the
 * issue's worktree deleted while its run is live. In each the issue must
 * retry or resume and end done with its work on its branch.
 *
 * codex.command is a small sh wrapper that plays `attempt-N.json` on its Nth
 * start (the last one after that), so each attempt gets its own scenario.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  Broken, cliCommand, commitAndFinish, type Daemon, eventually, expect, type FaultCase, gitRepo, http, isAlive, node, type Outcome,
  runMaestro, startDaemon, tempDir, workflowText,
} from "./harness.ts";

interface World {
  dir: string;
  db: string;
  repo: string;
  wsRoot: string;
  state: string;
  /** Where DEMO-1's worktree lives. */
  worktree: string;
  cli(args: string[]): void;
  attempts(): number;
}

function setUp(attempts: unknown[], extraWorkflow = ""): World & { cleanup(): void } {
  const { dir, cleanup } = tempDir("maestro-fault-agent-");
  const repo = gitRepo(path.join(dir, "repo"));
  const state = path.join(dir, "state");
  fs.mkdirSync(state);
  attempts.forEach((a, i) => fs.writeFileSync(path.join(state, `attempt-${i + 1}.json`), JSON.stringify(a)));
  fs.writeFileSync(path.join(state, "attempt-last.json"), JSON.stringify(attempts.at(-1)));
  const agent = path.join(state, "agent.sh");
  fs.writeFileSync(agent, `#!/bin/sh
n=$(cat '${state}/attempts' 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > '${state}/attempts'
s='${state}'/attempt-$n.json; [ -f "$s" ] || s='${state}/attempt-last.json'
exec ${cliCommand} fake-codex --scenario "$s"
`);
  const wsRoot = path.join(dir, "ws");
  fs.writeFileSync(path.join(repo, "WORKFLOW.md"), workflowText(`sh '${agent}'`, wsRoot, extraWorkflow));
  const db = path.join(dir, "maestro.db");
  const cli = (args: string[]) => {
    const r = runMaestro(node, [...args, "--db", db]);
    if (r.code !== 0) throw new Error(`maestro ${args.join(" ")} exited ${r.code}: ${r.stderr.trim()}`);
  };
  const attemptCount = () => Number(fs.existsSync(path.join(state, "attempts")) ? fs.readFileSync(path.join(state, "attempts"), "utf8") : 0);
  return { dir, db, repo, wsRoot, state, worktree: path.join(wsRoot, "demo", "DEMO-1"), cli, attempts: attemptCount, cleanup };
}

/** Creates project Demo with DEMO-1 ready and starts it; the daemon dispatches at once. */
function startWork(w: World): void {
  w.cli(["project", "create", "Demo", "--repo", w.repo, "--quiet"]);
  w.cli(["issue", "create", "Task", "--project", "Demo", "--state", "ready", "--quiet"]);
  w.cli(["project", "start", "Demo"]);
}

const execution = async (d: Daemon) => (await http(`${d.url}/api/v1/app/issues/DEMO-1/execution`)).body;
const runningPid = async (d: Daemon) => (await http(`${d.url}/api/v1/state`)).body?.orchestrator?.running?.[0]?.pid as number | undefined;

class Paused extends Error {}

/** Waits for DEMO-1 to end done with its work committed on maestro/DEMO-1; returns its execution view. */
async function finished(d: Daemon, w: World, what: string): Promise<any> {
  let last: any;
  const describe = () => {
    const events = (last?.runtime_events ?? []).map((x: any) => `${x.kind}${x.message ? ` "${String(x.message).slice(0, 140)}"` : ""}`);
    return `state ${last?.state}, last_result ${last?.last_result}, error ${last?.error}; events: ${events.join("; ")}`;
  };
  const e = await eventually(async () => {
    const x = (last = await execution(d));
    // A pause waits for a person: no point waiting for it to finish by itself.
    if (x?.last_result === "paused") throw new Paused(`DEMO-1 was paused instead of retried (${what}): ${describe()}`);
    return x?.state === "done" && x.last_result === "completed" ? x : undefined;
  }, `DEMO-1 to end done (${what})`, 45_000).catch((err: Error) => {
    if (err instanceof Paused) throw err;
    throw new Error(`${err.message}: ${describe()}`);
  });
  const work = execFileSync("git", ["show", "maestro/DEMO-1:work.txt"], { cwd: w.repo, encoding: "utf8" });
  if (work !== "work of DEMO-1\n") throw new Error(`maestro/DEMO-1:work.txt is ${JSON.stringify(work)}`);
  return e;
}

const kinds = (e: any): string[] => e.runtime_events.map((x: any) => x.kind);
const markStep = (w: World) => ({ command: `touch '${w.state}/live-1'; sleep 60` });
const waitLive = (w: World) => eventually(() => (fs.existsSync(path.join(w.state, "live-1")) ? true : undefined), "the first attempt to reach its command");

/** Signals a process group (the agent leads one), else the process. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    process.kill(pid, "SIGKILL");
  }
}

export const codexKilledCase: FaultCase = {
  name: "Codex killed mid-turn",
  async run(): Promise<Outcome> {
    const finish = { steps: [{ message: "Again" }, { command: commitAndFinish }, { message: "Done" }] };
    const w = setUp([{}, finish]);
    fs.writeFileSync(path.join(w.state, "attempt-1.json"), JSON.stringify({ steps: [{ message: "Starting" }, markStep(w)] }));
    const tried = "kill -9 of the fake app-server's process group while its turn runs a command";
    const d = await startDaemon(node, w.db);
    try {
      startWork(w);
      await waitLive(w);
      const pid = await eventually(() => runningPid(d), "the agent's pid in /api/v1/state");
      killGroup(pid);
      const e = await finished(d, w, "after the kill");
      const k = kinds(e);
      const failed = e.runtime_events.find((x: any) => /fail|exit|error/.test(x.kind));
      expect(failed, tried, `no failure recorded for the killed attempt: ${k.join(",")}`);
      expect(w.attempts() >= 2, tried, `only ${w.attempts()} agent start(s)`);
      expect(!isAlive(pid), tried, `the killed agent ${pid} still runs`);
      expect(d.child.exitCode === null, tried, "the daemon died");
      return { tried, found: `the attempt ended ${failed.kind} ("${String(failed.message ?? "").slice(0, 120)}"), was retried (${w.attempts()} agent starts) and DEMO-1 ended done with its commit on maestro/DEMO-1` };
    } finally {
      await d.stop();
      w.cleanup();
    }
  },
};

export const daemonKilledCase: FaultCase = {
  name: "daemon killed mid-turn",
  async run(): Promise<Outcome> {
    const w = setUp([{}, { steps: [{ message: "Resumed" }, { command: commitAndFinish }, { message: "Done" }] }]);
    fs.writeFileSync(path.join(w.state, "attempt-1.json"), JSON.stringify({ steps: [{ message: "Starting" }, markStep(w)] }));
    const tried = "kill -9 of the daemon while the fake agent's turn runs a command, then a new daemon on the same database";
    let d = await startDaemon(node, w.db);
    try {
      startWork(w);
      await waitLive(w);
      const pid = await eventually(() => runningPid(d), "the agent's pid in /api/v1/state");
      await d.kill();
      d = await startDaemon(node, w.db);
      const e = await finished(d, w, "after the restart");
      const k = kinds(e);
      expect(k.includes("run_interrupted"), tried, `no run_interrupted recorded: ${k.join(",")}`);
      const restarted = e.runtime_events.filter((x: any) => x.kind === "run_started").at(-1);
      await eventually(() => (isAlive(pid) ? undefined : true), "the old agent to be gone", 5000).catch(() => {
        throw new Error(`the killed daemon's agent ${pid} still runs`);
      });
      return {
        tried,
        found: `the new daemon recorded run_interrupted, restarted the run (delay_type ${restarted?.payload?.delay_type}, resume_thread_id ${restarted?.payload?.resume_thread_id}), stopped the orphaned agent and DEMO-1 ended done with its commit`,
      };
    } finally {
      await d.stop();
      w.cleanup();
    }
  },
};

export const deletedWorkspaceCase: FaultCase = {
  name: "workspace deleted mid-run",
  async run(): Promise<Outcome> {
    const w = setUp([{}, { steps: [{ message: "Again" }, { command: commitAndFinish }, { message: "Done" }] }]);
    // The first attempt marks, waits for the test to delete its worktree, then works in it.
    const first = {
      steps: [
        { message: "Starting" },
        { command: `touch '${w.state}/live-1'; while [ -d '${w.worktree}' ]; do sleep 0.1; done` },
        { command: "echo more > more.txt" },
        { message: "Finished the first attempt" },
      ],
    };
    fs.writeFileSync(path.join(w.state, "attempt-1.json"), JSON.stringify(first));
    const tried = "rm -rf of DEMO-1's worktree while its first run is live (the agent then works in the deleted folder)";
    const d = await startDaemon(node, w.db);
    try {
      startWork(w);
      await waitLive(w);
      fs.rmSync(w.worktree, { recursive: true, force: true });
      let e: any;
      try {
        e = await finished(d, w, "after the worktree was deleted");
      } catch (err) {
        if (!(err instanceof Paused)) throw new Broken(tried, (err as Error).message);
        // Not handled by itself; say whether a person's retry at least recovers the worktree.
        w.cli(["issue", "retry", "DEMO-1"]);
        const manual = await finished(d, w, "after a manual retry").then(() => "a manual `maestro issue retry` then recreated the worktree and DEMO-1 ended done", (e2: Error) => `a manual retry did not finish it either: ${e2.message}`);
        throw new Broken(tried, `the deleted worktree went unnoticed: the agent's turn completed, the run counted as completed and ${err.message.replace(/^DEMO-1 was paused instead of retried \([^)]*\): /, "the issue was paused (")}); ${manual}`);
      }
      const k = kinds(e);
      const named = e.runtime_events.find((x: any) => JSON.stringify(x).includes(w.worktree) && /fail|error|missing|workspace/.test(JSON.stringify(x)));
      expect(w.attempts() >= 2, tried, `only ${w.attempts()} agent start(s): ${k.join(",")}`);
      expect(named, tried, `DEMO-1 ended done, but no event named the deleted worktree "${w.worktree}": ${k.join(",")}`);
      return { tried, found: `${named.kind} named the path ("${String(named.message ?? "").slice(0, 160)}"), the issue was retried (${w.attempts()} agent starts) and ended done with its commit` };
    } finally {
      await d.stop();
      w.cleanup();
    }
  },
};

export const agentCases = [codexKilledCase, daemonKilledCase, deletedWorkspaceCase];
