// The orchestrator's operations table, in the tracker's shape: MCP tools,
// HTTP routes and the CLI (through the daemon's {op, input} route) all call
// these, so every surface validates and answers alike (DESIGN.md rule 1).
import { z } from "zod";
import { notFound } from "../errors.ts";
import { integer, parseInput } from "../tracker/mod.ts";
import type { Orchestrator } from "./orchestrator.ts";

export interface RuntimeOperation<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  input: S;
  /** Writes nothing (MCP's readOnlyHint). Answers change with every streamed event, so none is cached. */
  readOnly: boolean;
  run(orchestrator: Orchestrator, input: z.output<S>): unknown;
}

const identifier = () => z.string().trim().min(1, "expected an issue identifier such as DEMO-3");
const issueRef = z.strictObject({ identifier: identifier() });
const answerValue = z.union([z.string(), z.array(z.string())]);

const op = <S extends z.ZodObject>(name: string, summary: string, input: S, readOnly: boolean, run: RuntimeOperation<S>["run"]): RuntimeOperation =>
  ({ name, summary, input, readOnly, run }) as unknown as RuntimeOperation;

export const runtimeOperations: readonly RuntimeOperation[] = [
  op("get_runtime_snapshot", "Running, retrying and paused work with phases, attempts and tokens", z.strictObject({}), true,
    (o) => o.snapshot()),
  op("list_sessions", "Live agent sessions, or one issue's (live, else its last)", z.strictObject({ identifier: identifier().optional() }), true,
    (o, i) => o.sessions(i.identifier)),
  op("get_issue_execution", "An issue's execution: status, phase, attempt, retry or pause, session transcript, pending interrupts", issueRef, true,
    (o, i) => o.execution(i.identifier)),
  op("retry_issue", "Run an issue again now: lifts a pause, brings a retry forward, re-opens finished work", issueRef, false,
    (o, i) => o.retryIssue(i.identifier)),
  op("run_issue_now", "Enqueue a run of a recurring issue now", issueRef, false, (o, i) => o.runIssueNow(i.identifier)),
  op("get_runtime_series", "Runs started, completed and failed, retries and tokens per hour (UTC) for the last N hours",
    z.strictObject({ hours: integer(1, 720, "expected a whole number of hours from 1 to 720").optional() }), true,
    (o, i) => o.runtimeSeries(i.hours ?? 24)),
  op("list_interrupts", "Approvals and questions from agents waiting for a person, oldest first", z.strictObject({}), true,
    (o) => o.listInterrupts()),
  op(
    "answer_interrupt",
    "Answer a pending interrupt: decision (accept, acceptForSession, decline, cancel), answers by question id, or an elicitation action",
    z.strictObject({
      id: z.string().trim().min(1, "expected an interrupt id from list_interrupts"),
      decision: z.string().trim().min(1).optional(),
      answers: z.record(z.string(), answerValue).optional(),
      action: z.enum(["accept", "decline", "cancel"]).optional(),
      content: z.unknown().optional(),
    }),
    false,
    (o, i) => o.answerInterrupt(i.id, { decision: i.decision, answers: i.answers, action: i.action, content: i.content as never }),
  ),
];

const byName = new Map(runtimeOperations.map((o) => [o.name, o]));

/** The runtime operation called `name`, or undefined. */
export function getRuntimeOperation(name: string): RuntimeOperation | undefined {
  return byName.get(name);
}

/** Parses the input with the operation's schema and runs it; throws not_found for an unknown name. */
export function runRuntimeOperation(orchestrator: Orchestrator, name: string, raw: unknown): unknown {
  const operation = byName.get(name);
  if (!operation) throw notFound(`Unknown operation "${name}"`);
  return operation.run(orchestrator, parseInput(operation.input, raw));
}
