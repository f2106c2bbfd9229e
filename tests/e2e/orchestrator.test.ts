// The orchestrator inside `maestro run`, as a user drives it: a CLI move to
// ready starts the fake agent at once, its work lands on the branch,
// and a daemon killed mid-turn (kill -9) or stopped (SIGTERM) picks the run
// up again on restart, resuming the Codex thread, with nothing lost.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { cliCommand, runtimes, type RuntimeUnderTest } from "../helpers/bundle.ts";
import { commitAndFinish, initGitRepo, isAlive, waitForExit } from "../helpers/fixtures.ts";
import { type CliWorld, cliWorld } from "./cli-harness.ts";
import { type Daemon, startDaemon } from "./daemon-harness.ts";
import { eventually } from "../helpers/wait.ts";

/** A git repo with WORKFLOW.md running `scenario` through the bundle's fake app-server. */
function setUp(rt: RuntimeUnderTest, scenario: unknown, phases = { review: false, done: false }): CliWorld & { wsRoot: string } {
  const w = cliWorld(rt);
  initGitRepo(w.repo);
  const file = path.join(w.dir, "scenario.json");
  fs.writeFileSync(file, JSON.stringify(scenario));
  const wsRoot = path.join(w.dir, "ws");
  fs.writeFileSync(path.join(w.repo, "WORKFLOW.md"), `---
codex:
  command: "${cliCommand} fake-codex --scenario '${file}'"
  approval_policy: never
workspace:
  root: "${wsRoot}"
agent:
  max_turns: 1
phases:
  review:
    enabled: ${phases.review}
  done:
    enabled: ${phases.done}
---
Work on {{ issue.identifier }}.
`);
  return Object.assign(w, { wsRoot });
}

const state = async (d: Daemon) => (await (await fetch(`${d.url}/api/v1/state`)).json()) as any;
const execution = async (d: Daemon, id: string) => (await (await fetch(`${d.url}/api/v1/app/issues/${id}/execution`)).json()) as any;

for (const rt of runtimes) {
  const test = suite(`e2e orchestrator (${rt.name})`);

  test("issue move X ready through the CLI starts the agent; it ends done with its work on maestro/X", async () => {
    const w = setUp(rt, { steps: [{ message: "On it" }, { command: commitAndFinish }, { tokens: { input: 40, output: 2 } }, { message: "Done" }] });
    const d = await startDaemon(rt, w.db);
    try {
      w.project();
      w.ok(["project", "start", "Demo"]);
      w.ok(["issue", "create", "Task", "--project", "Demo", "--quiet"]);
      w.ok(["issue", "move", "DEMO-1", "ready"]);
      // The worktree goes once the run is over: wait for both.
      const done = await eventually(async () => {
        const e = await execution(d, "DEMO-1");
        return e.last_result === "completed" && e.runtime_events.some((x: any) => x.kind === "workspace_removed") ? e : undefined;
      }, "the run to complete and its worktree to go");
      assert.is(done.state, "done");
      assert.is(done.tokens_spent, 42);
      assert.is(done.workspace_path, null);
      assert.is(execFileSync("git", ["show", "maestro/DEMO-1:work.txt"], { cwd: w.repo, encoding: "utf8" }), "work of DEMO-1\n");
      const shown = w.json(["issue", "show", "DEMO-1"]);
      assert.is(shown.state, "done");
      assert.is(shown.total_tokens_spent, 42);
      const events = (await (await fetch(`${d.url}/api/v1/events?limit=500`)).json()) as any;
      assert.ok(events.events.some((e: any) => e.kind === "run_completed" && e.identifier === "DEMO-1" && e.payload.total_tokens === 42));
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("phases and blockers: B waits for A; each goes implementation → review → done phase and ends complete", async () => {
    const move = (state: string) => `${cliCommand} issue move "$MAESTRO_ISSUE_IDENTIFIER" ${state} --db "$MAESTRO_DB" >/dev/null`;
    const act = `case "$MAESTRO_PHASE" in implementation) ${move("in_review")};; review) ${move("done")};; done) echo done-phase;; esac`;
    const w = setUp(rt, { steps: [{ command: act }, { tokens: { input: 5, output: 1 } }] }, { review: true, done: true });
    const d = await startDaemon(rt, w.db);
    try {
      w.project();
      w.ok(["issue", "create", "A", "--project", "Demo", "--state", "ready", "--quiet"]);
      w.ok(["issue", "create", "B", "--project", "Demo", "--state", "ready", "--blocked-by", "DEMO-1", "--quiet"]);
      w.ok(["project", "start", "Demo"]);
      for (const id of ["DEMO-1", "DEMO-2"]) {
        await eventually(async () => {
          const e = await execution(d, id);
          return e.workflow_phase === "complete" && e.last_result === "completed" ? e : undefined;
        }, `${id} to complete`);
      }
      const events = ((await (await fetch(`${d.url}/api/v1/events?limit=500`)).json()) as any).events;
      const runs = events.filter((e: any) => e.kind === "run_started").map((e: any) => `${e.identifier}:${e.payload.phase}`);
      for (const id of ["DEMO-1", "DEMO-2"]) {
        assert.equal(runs.filter((r: string) => r.startsWith(id)), [`${id}:implementation`, `${id}:review`, `${id}:done`]);
      }
      // B is unblocked when A reaches done, in A's review: B's work may overlap A's done phase, never A's implementation.
      assert.ok(runs.indexOf("DEMO-2:implementation") > runs.indexOf("DEMO-1:review"), runs.join(", "));
      assert.is(w.json(["issue", "show", "DEMO-2"]).total_tokens_spent, 18);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  // The first attempt marks the worktree and hangs in its command; the second finds the mark and finishes.
  const resumable = {
    steps: [
      { message: "Starting" },
      { command: `if [ -f .second-attempt ]; then ${commitAndFinish}; else touch .second-attempt; sleep 60; fi` },
      { message: "Finished" },
    ],
  };

  /** Starts DEMO-1 and waits until its first attempt hangs in its command. */
  async function hangInFirstAttempt(w: CliWorld & { wsRoot: string }): Promise<void> {
    w.project();
    w.ok(["project", "start", "Demo"]);
    w.ok(["issue", "create", "Task", "--project", "Demo", "--state", "ready", "--quiet"]);
    const mark = path.join(w.wsRoot, "demo", "DEMO-1", ".second-attempt");
    await eventually(() => (fs.existsSync(mark) ? true : undefined), "the first attempt to reach its command");
  }

  test("kill -9 of the daemon mid-turn: on restart the run resumes its thread and finishes, the old agent is gone", async () => {
    const w = setUp(rt, resumable);
    let d = await startDaemon(rt, w.db);
    try {
      await hangInFirstAttempt(w);
      const before = await state(d);
      const oldPid: number = before.orchestrator.running[0].pid;
      assert.ok(oldPid > 0 && isAlive(oldPid), "the agent runs");
      d.child.kill("SIGKILL");
      await waitForExit(d.child);

      d = await startDaemon(rt, w.db);
      const done = await eventually(async () => {
        const e = await execution(d, "DEMO-1");
        return e.last_result === "completed" ? e : undefined;
      }, "the resumed run to complete");
      assert.is(done.state, "done");
      const kinds = done.runtime_events.map((e: any) => e.kind);
      assert.ok(kinds.includes("run_interrupted"), `run_interrupted recorded: ${kinds.join(",")}`);
      const restarted = done.runtime_events.filter((e: any) => e.kind === "run_started").at(-1);
      assert.is(restarted.payload.delay_type, "recovery");
      assert.is(restarted.payload.resume_thread_id, "thread-1");
      assert.not.ok(isAlive(oldPid), "the agent of the killed daemon was stopped");
      assert.is(execFileSync("git", ["show", "maestro/DEMO-1:work.txt"], { cwd: w.repo, encoding: "utf8" }), "work of DEMO-1\n");
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("SIGTERM mid-turn records the run as resumable; the next daemon resumes it without counting a failure", async () => {
    const w = setUp(rt, resumable);
    let d = await startDaemon(rt, w.db);
    try {
      await hangInFirstAttempt(w);
      assert.is(await d.stop(), 0, "clean exit");
      const offline = w.json(["issue", "show", "DEMO-1"]);
      assert.is(offline.state, "in_progress", "still in progress while no daemon runs");

      d = await startDaemon(rt, w.db);
      const done = await eventually(async () => {
        const e = await execution(d, "DEMO-1");
        return e.last_result === "completed" ? e : undefined;
      }, "the resumed run to complete");
      const kinds = done.runtime_events.map((e: any) => e.kind);
      assert.ok(kinds.includes("run_stopped"), "the stop was recorded");
      assert.not.ok(kinds.includes("run_interrupted"), "a graceful stop is not an interruption");
      assert.is(done.consecutive_failures, 0);
      const restarted = done.runtime_events.filter((e: any) => e.kind === "run_started").at(-1);
      assert.is(restarted.payload.resume_thread_id, "thread-1");
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("a person moving a running issue back to backlog stops its agent at once", async () => {
    const w = setUp(rt, { steps: [{ message: "Thinking" }, { stall: "forever" }] });
    const d = await startDaemon(rt, w.db);
    try {
      w.project();
      w.ok(["project", "start", "Demo"]);
      w.ok(["issue", "create", "Task", "--project", "Demo", "--state", "ready", "--quiet"]);
      const pid = await eventually(async () => (await state(d)).orchestrator.running[0]?.pid as number | undefined, "the agent to start");
      w.ok(["issue", "move", "DEMO-1", "backlog"]);
      await eventually(async () => ((await state(d)).orchestrator.counts.running === 0 ? true : undefined), "the run to stop");
      await eventually(() => (isAlive(pid) ? undefined : true), "the agent process to be gone");
      const e = await execution(d, "DEMO-1");
      assert.is(e.last_result, "stopped");
      assert.is(e.error, "inactive_state");
      assert.is(e.retry, null, "nothing scheduled");
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test.run();
}
