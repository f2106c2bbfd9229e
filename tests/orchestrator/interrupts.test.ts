// Interrupts: with approval_policy on-request, Codex's approval requests and
// questions wait for a person (listInterrupts / answerInterrupt); a bad
// answer is refused naming what is allowed; an accepted command really runs
// and the run goes on to completion.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { isMaestroError } from "../../lib/errors.ts";
import { eventsOf, fileOnBranch, moveIssueStep, withHarness } from "./harness.ts";

function refusal(fn: () => unknown): { code: string; line: string } {
  try {
    fn();
  } catch (err) {
    if (isMaestroError(err)) return { code: err.code, line: err.line };
    throw err;
  }
  throw new Error("expected a MaestroError");
}

const commitApproved = `printf 'approved\\n' > approved.txt && git add approved.txt && git -c user.name=fake -c user.email=f@x commit -qm approved`;

test("a command approval waits for a person: listed, bad answers refused, accepted runs the command and the run completes", async () => {
  await withHarness({
    approvalPolicy: "on-request",
    scenario: { steps: [{ command: commitApproved, approval: "needs to write approved.txt" }, { command: moveIssueStep("done") }] },
  }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Needs approval");
    await h.until(() => h.orchestrator.listInterrupts().items.length === 1, "the approval request");
    const item = h.orchestrator.listInterrupts().items[0]!;
    assert.is(item.kind, "command_approval");
    assert.is(item.identifier, a.identifier);
    assert.ok(item.summary.length > 0, "a summary");
    assert.is(eventsOf(h, "interrupt_requested", a.identifier)[0]!.payload?.id, item.id);
    assert.is(h.orchestrator.snapshot().counts.interrupts, 1);
    assert.is(h.orchestrator.snapshot().running[0]!.pending_interrupts, 1);
    assert.is((h.orchestrator.execution(a.identifier) as any).pending_interrupts.length, 1);

    const bad = refusal(() => h.orchestrator.answerInterrupt(item.id, { decision: "maybe" }));
    assert.is(bad.code, "invalid_input");
    assert.match(bad.line, "maybe");
    assert.match(bad.line, "accept");
    assert.match(bad.line, "decline");
    assert.is(refusal(() => h.orchestrator.answerInterrupt("no-such-interrupt", { decision: "accept" })).code, "not_found");
    assert.is(h.orchestrator.listInterrupts().items.length, 1, "a refused answer leaves it pending");

    const answer = h.orchestrator.answerInterrupt(item.id, { decision: "accept" });
    assert.equal(answer, { id: item.id, status: "accepted", identifier: a.identifier });
    const again = refusal(() => h.orchestrator.answerInterrupt(item.id, { decision: "accept" }));
    assert.ok(again.code === "not_found" || again.code === "conflict", again.code);
    assert.is(h.orchestrator.listInterrupts().items.length, 0);

    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the run to complete");
    assert.is(fileOnBranch(h.repo, `maestro/${a.identifier}`, "approved.txt"), "approved\n");
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "done");
    assert.is(h.orchestrator.snapshot().counts.interrupts, 0);
  });
});

test("a declined command does not run, and the turn goes on", async () => {
  await withHarness({
    approvalPolicy: "on-request",
    scenario: { steps: [{ command: "printf x > declined.txt", approval: true }, { command: moveIssueStep("done") }] },
  }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Declined");
    await h.until(() => h.orchestrator.listInterrupts().items.length === 1, "the approval request");
    const workspace = h.orchestrator.snapshot().running[0]!.workspace_path!;
    h.orchestrator.answerInterrupt(h.orchestrator.listInterrupts().items[0]!.id, { decision: "decline" });
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the run to complete");
    assert.not.ok(fs.existsSync(path.join(workspace, "declined.txt")));
  });
});

test("a question from Codex is answered by option label and the agent sees the answer", async () => {
  await withHarness({
    approvalPolicy: "on-request",
    scenario: {
      steps: [
        {
          userInput: [{
            id: "strategy",
            header: "Strategy",
            question: "Which way?",
            options: [{ label: "Option A", description: "the first" }, { label: "Option B", description: "the second" }],
          }],
        },
        { command: moveIssueStep("done") },
      ],
    },
  }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Asks");
    await h.until(() => h.orchestrator.listInterrupts().items.length === 1, "the question");
    const item = h.orchestrator.listInterrupts().items[0]!;
    assert.is(item.kind, "user_input");
    const wrong = refusal(() => h.orchestrator.answerInterrupt(item.id, { answers: { strategy: "Option C" } }));
    assert.is(wrong.code, "invalid_input");
    assert.match(wrong.line, "Option A");
    h.orchestrator.answerInterrupt(item.id, { answers: { strategy: "Option A" } });
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the run to complete");
    const history = (h.orchestrator.execution(a.identifier) as any).session.history as { kind: string; text?: string }[];
    assert.ok(history.some((e) => e.kind === "agent_message" && e.text === "Answers: strategy=Option A"), JSON.stringify(history));
  });
});

test("a pending approval goes away when a person stops its run, and answering it then is not_found", async () => {
  await withHarness({ approvalPolicy: "on-request", scenario: { steps: [{ command: "true", approval: true }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Stopped while asking");
    await h.until(() => h.orchestrator.listInterrupts().items.length === 1, "the approval request");
    const id = h.orchestrator.listInterrupts().items[0]!.id;
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    await h.until(() => eventsOf(h, "run_stopped", a.identifier).length === 1, "the run to stop");
    assert.is(h.orchestrator.listInterrupts().items.length, 0);
    assert.is(refusal(() => h.orchestrator.answerInterrupt(id, { decision: "accept" })).code, "not_found");
  });
});

test.run();
