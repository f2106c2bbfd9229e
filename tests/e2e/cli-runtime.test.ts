// The orchestrator's CLI commands against a live daemon whose Codex is the
// bundle's fake app-server: status, sessions, issue execution/retry/run-now,
// interrupts, runtime-series; and each of them without a daemon.
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { bundlePath, runtimes } from "../helpers/bundle.ts";
import { initGitRepo } from "../helpers/fixtures.ts";
import { assertFails, type CliWorld, cliWorld } from "./cli-harness.ts";
import { startDaemon } from "./daemon-harness.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` (real time, up to 40 s) until it returns a value. */
async function eventually<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 40_000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(150);
  }
  throw new Error(`never happened: ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

/** Each issue's fake Codex plays scenarios/<IDENTIFIER>.json: the workspace (the process's cwd) is named after the issue. */
const SCENARIOS: Record<string, unknown> = {
  "DEMO-1": { steps: [{ message: "Reading the code" }, { tokens: { input: 100, output: 20 } }, { stall: "forever" }] },
  "DEMO-2": { steps: [{ message: "Trying" }, { fail: "boom" }] },
  "DEMO-3": {
    steps: [
      { message: "I need to write a file" },
      { command: "printf 'hello\\n' > out.txt && echo wrote out.txt", approval: "writes out.txt" },
      { tokens: { input: 50, output: 5 } },
      { message: "Done" },
    ],
  },
  "DEMO-4": { steps: [{ message: "Recurring run" }] },
};

/**
 * A git repository with a WORKFLOW.md whose codex.command starts fake-codex
 * on the issue's scenario: one turn per run, approvals become interrupts,
 * no review or done phase, one automatic retry after 6 s, then a pause.
 */
function setUpRepo(w: CliWorld): void {
  initGitRepo(w.repo);
  const scenarios = path.join(w.dir, "scenarios");
  fs.mkdirSync(scenarios);
  for (const [id, body] of Object.entries(SCENARIOS)) fs.writeFileSync(path.join(scenarios, `${id}.json`), JSON.stringify(body));
  const fake = path.join(w.dir, "fake-codex.sh");
  fs.writeFileSync(fake, `#!/bin/sh\nexec '${process.execPath}' '${bundlePath}' fake-codex --scenario "${scenarios}/$MAESTRO_ISSUE_IDENTIFIER.json"\n`);
  fs.chmodSync(fake, 0o755);
  fs.writeFileSync(path.join(w.repo, "WORKFLOW.md"), `---
codex:
  command: ${JSON.stringify(`'${fake}'`)}
  approval_policy: on-request
  stall_timeout_ms: 0
workspace:
  root: ${JSON.stringify(path.join(w.dir, "ws"))}
agent:
  max_turns: 1
  max_concurrent_agents: 8
  dispatch_mode: parallel
  max_automatic_retries: 1
  max_retry_backoff_ms: 6000
phases:
  review:
    enabled: false
  done:
    enabled: false
---
Work on {{ issue.identifier }}: {{ issue.title }}
`);
}

const noDaemon = (action: string) =>
  new RegExp(`^maestro: ${action}: no Maestro daemon is running for \\S+maestro\\.db \\(start it with: maestro run --db \\S+maestro\\.db\\)$`);

for (const rt of runtimes) {
  const test = suite(`e2e runtime commands (${rt.name})`);

  test("without a daemon, every runtime command fails with one line naming the fix (exit 4); status says how to start it", () => {
    const w = cliWorld(rt);
    try {
      const project = w.project();
      w.ok(["issue", "create", "One", "--project", project]);
      const cases: [string[], string][] = [
        [["sessions"], "Cannot list sessions"],
        [["sessions", "DEMO-1"], `Cannot show the session of "DEMO-1"`],
        [["issue", "execution", "DEMO-1"], `Cannot show the execution of "DEMO-1"`],
        [["issue", "retry", "DEMO-1"], `Cannot retry "DEMO-1"`],
        [["issue", "run-now", "DEMO-1"], `Cannot run "DEMO-1" now`],
        [["interrupts"], "Cannot list interrupts"],
        [["interrupts", "list"], "Cannot list interrupts"],
        [["interrupts", "answer", "x:1", "--decision", "accept"], `Cannot answer interrupt "x:1"`],
        [["runtime-series", "--hours", "2"], "Cannot show the runtime series"],
      ];
      for (const [args, action] of cases) assertFails(w.run(args), 4, noDaemon(action));
      assertFails(w.run(["issue", "retry", "DEMO-1", "--json"]), 4, noDaemon(`Cannot retry "DEMO-1"`));
      assert.match(w.ok(["status"]), /\nOrchestrator: +not running \(start it with: maestro run --db \S+maestro\.db\)\n/);
      assert.is(w.json(["status"]).orchestrator, null);
    } finally {
      w.cleanup();
    }
  });

  test("bad runtime flags fail with one line naming the flag, before looking for a daemon", () => {
    const w = cliWorld(rt);
    try {
      assertFails(w.run(["interrupts", "answer", "x:1"]), 2, /Missing answer: pass --decision, --answer or --action/);
      assertFails(w.run(["interrupts", "answer", "x:1", "--decision", "maybe"]), 2,
        /Invalid --decision: expected one of accept, acceptForSession, decline, cancel, got "maybe"/);
      assertFails(w.run(["interrupts", "answer", "x:1", "--action", "ok"]), 2, /Invalid --action: expected one of accept, decline, cancel/);
      assertFails(w.run(["interrupts", "answer", "x:1", "--answer", "strategy"]), 2, /Invalid --answer: expected QUESTION_ID=VALUE, got "strategy" \(e\.g\./);
      assertFails(w.run(["interrupts", "answer", "x:1", "--action", "accept", "--content", "{"]), 2, /Invalid --content: expected JSON/);
      assertFails(w.run(["runtime-series", "--hours", "many"]), 2, /Invalid value for --hours: expected an integer, got "many"/);
      assertFails(w.run(["issue", "retry"]), 2, /Missing argument <identifier>/);
      assertFails(w.run(["sessions", "DEMO-1", "DEMO-2"]), 2, /Unexpected argument "DEMO-2"/);
      assert.match(w.ok(["interrupts", "answer", "--help"]), /--answer QID=VALUE +answer a question by id .*repeatable/);
    } finally {
      w.cleanup();
    }
  });

  test("with a daemon: running, retrying and paused work in status, sessions with transcripts, execution, interrupts, retry, run-now, series", async () => {
    const w = cliWorld(rt);
    setUpRepo(w);
    const project = w.project();
    for (const title of ["Stalls", "Fails", "Asks"]) w.ok(["issue", "create", title, "--project", project, "--state", "ready"]);
    w.ok(["issue", "create", "Nightly", "--project", project, "--type", "recurring", "--cron", "0 3 1 1 *"]);
    const d = await startDaemon(rt, w.db);
    try {
      w.ok(["project", "start", project]);

      // DEMO-1 runs, DEMO-2 failed once and waits 6 s for its retry, DEMO-3 waits for an approval.
      const status = await eventually(() => {
        const out = w.ok(["status"]);
        return /\nRunning \(\d\)\n.*\nDEMO-1 +implementation +0 +\S+ +120 +Reading the code\n/.test(out) &&
            /\nRetrying \(1\)\nISSUE +ATTEMPT +DUE +DELAY +ERROR\nDEMO-2 +1 +(in \d+s|now) +failure +Codex turn failed: boom\n/.test(out) &&
            /\nInterrupts: 1 pending \(list them: maestro interrupts\)\n/.test(out)
          ? out
          : undefined;
      }, "status showing DEMO-1 running, DEMO-2 retrying and an interrupt");
      assert.match(status, /\nOrchestrator: running since \S+; \d+ runs, \d+ succeeded, \d+ failed, \d+ tokens\n/);
      const snapshot = w.json(["status"]).orchestrator;
      assert.is(snapshot.status, "running");
      assert.ok(snapshot.running.some((r: { identifier: string }) => r.identifier === "DEMO-1"));

      // After its one automatic retry DEMO-2 pauses; status names the fix.
      const paused = await eventually(() => {
        const out = w.ok(["status"]);
        return /\nPaused \(1\)\nISSUE +REASON +FIX +ERROR\nDEMO-2 +retry_limit_reached +maestro issue retry DEMO-2 +1 automatic retry in a row; last error: Codex turn failed: boom\n/.test(out)
          ? out
          : undefined;
      }, "status showing DEMO-2 paused");
      assert.not.match(paused, /\nRetrying/);

      // Sessions: the live ones as a table; one with its transcript.
      const table = w.ok(["sessions"]);
      assert.match(table, /^ISSUE +PHASE +TURNS +TOKENS +LAST EVENT +UPDATED\n/);
      assert.match(table, /\nDEMO-1 +implementation +0\/1 +120 +\S+ +\S+ ago\n/);
      assert.equal(Object.keys(w.json(["sessions"]).sessions).sort(), ["DEMO-1", "DEMO-3"]);
      const live = w.ok(["sessions", "DEMO-1"]);
      assert.match(live, /^Issue: +DEMO-1\nSource: +live session\n/);
      assert.match(live, /\nTokens: +120 \(input 100, output 20\)\n/);
      assert.match(live, /\nTranscript \(1\)\n  \d\d:\d\d:\d\d  agent:\n      Reading the code\n$/);
      assert.is(w.json(["sessions", "DEMO-1"]).source, "live");

      // The approval: listed, shown in the issue's execution, answered; the run then finishes and pauses.
      const interrupts = w.json(["interrupts"]).items as { id: string; identifier: string; kind: string }[];
      assert.is(interrupts.length, 1);
      const [pending] = interrupts;
      assert.is(pending!.identifier, "DEMO-3");
      const listed = w.ok(["interrupts"]);
      assert.match(listed, /^ID +KIND +ISSUE +SUMMARY +AGE\n/);
      assert.ok(listed.includes(`${pending!.id}  ${pending!.kind}`), listed);
      assert.match(listed, /DEMO-3 +.*printf.* +\S+\n$/);
      const asking = w.ok(["issue", "execution", "DEMO-3"]);
      assert.match(asking, /^Identifier: +DEMO-3\nStatus: +running \(issue in_progress\)\nPhase: +implementation\nAttempt: +0\n/);
      assert.match(asking, /\nPending interrupts \(1; answer with: maestro interrupts answer ID\)\nID +KIND +ISSUE +SUMMARY +AGE\n/);
      assert.match(asking, /\nRecent events\nSEQ +TIME +KIND +MESSAGE\n[^]*run_started/);
      assert.is(w.ok(["interrupts", "answer", pending!.id, "--decision", "accept"]), `Answered interrupt ${pending!.id} for DEMO-3: accepted\n`);
      assertFails(w.run(["interrupts", "answer", pending!.id, "--decision", "accept"]), 3, /Interrupt ".*" not found/);
      const done = await eventually(() => {
        const e = w.json(["issue", "execution", "DEMO-3"]);
        return e.last_result === "paused" ? e : undefined;
      }, "DEMO-3's run finishing after the approval");
      assert.is(done.pause.reason, "no_state_transition");
      assert.is(done.session_source, "persisted");
      const execution = w.ok(["issue", "execution", "DEMO-3"]);
      assert.match(execution, /\nStatus: +paused \(issue in_progress\)\n/);
      assert.match(execution, /\nLast Result: +paused\n/);
      assert.match(execution, /\nPause: +no_state_transition since \S+ \(resume with: maestro issue retry DEMO-3\)\n/);
      assert.match(execution, new RegExp(`\\nWorkspace: +${path.join(w.dir, "ws").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\S*DEMO-3\\n`));
      assert.match(execution, /\nSession: +persisted, thread thread-\d+, 1 of 1 turns completed \(transcript: maestro sessions DEMO-3\)\n/);
      assert.not.match(execution, /Pending interrupts/);
      const transcript = w.ok(["sessions", "DEMO-3"]);
      assert.match(transcript, /\nSource: +last session \(persisted\)\n/);
      assert.match(transcript, /\n  \d\d:\d\d:\d\d  \$ printf 'hello\\n' > out\.txt && echo wrote out\.txt  \(exit 0, completed\)\n      \| wrote out\.txt\n/);
      assert.match(transcript, /\n      Done\n$/);

      // A person's retry lifts DEMO-2's pause; run-now is for recurring issues.
      assert.is(w.json(["issue", "execution", "DEMO-2"]).pause.reason, "retry_limit_reached");
      assert.is(w.ok(["issue", "retry", "DEMO-2"]), "Retry status for DEMO-2: queued_now\n");
      assertFails(w.run(["issue", "run-now", "DEMO-1"]), 1, /Cannot run "DEMO-1" now: it is not a recurring issue \(use retry for standard issues\)/);
      assert.is(w.ok(["issue", "run-now", "DEMO-4"]), "Run-now status for DEMO-4: queued_now\n");
      await eventually(() => (w.json(["issue", "execution", "DEMO-3"]).status === "paused" ? true : undefined), "DEMO-3 still paused");
      w.ok(["project", "stop", project]);
      assert.is(w.ok(["issue", "retry", "DEMO-3"]), "Retry status for DEMO-3: queued_now; waiting for: project_stopped\n");
      assert.equal(w.json(["issue", "retry", "DEMO-3"]).waiting_for, "project_stopped");

      // The series counts the runs of this hour.
      const series = w.json(["runtime-series", "--hours", "2"]);
      assert.is(series.hours, 2);
      assert.is(series.buckets.length, 2);
      const sum = (k: string) => series.buckets.reduce((n: number, b: Record<string, number>) => n + b[k]!, 0);
      assert.ok(sum("started") >= 4, `started: ${sum("started")}`);
      assert.ok(sum("failed") >= 2, `failed: ${sum("failed")}`);
      assert.ok(sum("retries") >= 1, `retries: ${sum("retries")}`);
      assert.ok(sum("tokens") >= 55, `tokens: ${sum("tokens")}`);
      const rows = w.ok(["runtime-series"]).trimEnd().split("\n");
      assert.match(rows[0]!, /^BUCKET +STARTED +COMPLETED +FAILED +RETRIES +TOKENS$/);
      assert.is(rows.length, 25);
      assert.ok(rows.slice(1).some((r) => /^\d\d:00 +[1-9]\d* +\d+ +[1-9]\d* +[1-9]\d* +[1-9]\d*$/.test(r)), rows.join("\n"));
      assertFails(w.run(["runtime-series", "--hours", "0"]), 2, /Invalid "hours": expected a whole number of hours from 1 to 720, got 0/);
      assertFails(w.run(["issue", "execution", "NOPE-9"]), 3, /NOPE-9/);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test.run();
}
