/**
 * What the client tests share: a tiny scripted app-server (a Node script
 * started through codex.command, so it goes through `sh -lc` as Codex does),
 * a manual clock, and waiting helpers. The scripted server answers each
 * client line with the first unused step that matches it: `on` is a method,
 * or `response:<id>` for the client's answer to a server request. "$id" in
 * a sent object is replaced by the client's request id. Every received line
 * is appended to the trace file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import type { Clock, SessionOptions } from "../../lib/agent/mod.ts";

export interface Step {
  on: string;
  /** Objects are JSON lines (with "$id" replaced); strings are written as they are. */
  send?: (Record<string, unknown> | string)[];
  stderr?: string;
  exit?: number;
  /** Start `sleep 60` in the background and write its pid to <trace>.sleeper. */
  sleeper?: boolean;
}

const SERVER = `
import * as fs from "node:fs";
import { spawn } from "node:child_process";
const [scenarioPath, tracePath] = process.argv.slice(2);
const steps = JSON.parse(fs.readFileSync(scenarioPath, "utf8"));
const used = new Set();
const fill = (v, id) => Array.isArray(v) ? v.map((x) => fill(x, id)) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, id)])) : v === "$id" ? id : v;
let buf = "";
process.stdin.on("data", (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf("\\n")) >= 0) { const line = buf.slice(0, nl); buf = buf.slice(nl + 1); handle(line); }
});
process.stdin.on("end", () => process.exit(0));
function handle(line) {
  fs.appendFileSync(tracePath, line + "\\n");
  let msg; try { msg = JSON.parse(line); } catch { return; }
  const key = msg.method ?? "response:" + msg.id;
  const i = steps.findIndex((s, n) => !used.has(n) && s.on === key);
  if (i < 0) return;
  used.add(i);
  const step = steps[i];
  for (const out of step.send ?? []) process.stdout.write((typeof out === "string" ? out : JSON.stringify(fill(out, msg.id))) + "\\n");
  if (step.stderr) process.stderr.write(step.stderr);
  if (step.sleeper) { const c = spawn("sleep", ["60"], { stdio: "ignore" }); fs.writeFileSync(tracePath + ".sleeper", String(c.pid)); }
  if (step.exit !== undefined) process.exit(step.exit);
}
`;

export const runtime = detectRuntime(import.meta.url);

/** A temp workspace with a scripted server in it; `remove` deletes it all. */
export function scripted(steps: Step[]) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "maestro-agent-")));
  const workspace = path.join(dir, "ws");
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(dir, "server.mjs"), SERVER);
  fs.writeFileSync(path.join(dir, "steps.json"), JSON.stringify(steps));
  const trace = path.join(dir, "trace.jsonl");
  fs.writeFileSync(trace, "");
  const command = `'${process.execPath}' '${dir}/server.mjs' '${dir}/steps.json' '${trace}'`;
  return {
    dir,
    workspace,
    command,
    /** The lines the client sent, parsed. */
    sent: (): Record<string, unknown>[] =>
      fs.readFileSync(trace, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    sleeperPid: () => Number(fs.readFileSync(`${trace}.sleeper`, "utf8")),
    options: (extra: Partial<SessionOptions> = {}): SessionOptions => ({ runtime, command, workspace, ...extra }),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const THREAD = "thread-1";

/** initialize, initialized and thread/start answered. */
export const handshake = (threadId = THREAD): Step[] => [
  { on: "initialize", send: [{ id: "$id", result: { userAgent: "fake/0.169.0", codexHome: "/tmp", platformFamily: "unix", platformOs: "linux" } }] },
  { on: "thread/start", send: [{ id: "$id", result: { thread: { id: threadId, turns: [] }, model: "m" } }] },
];

export const turnStarted = (turnId: string, threadId = THREAD) => [
  { id: "$id", result: { turn: { id: turnId, status: "inProgress", items: [], error: null } } },
  { method: "turn/started", params: { threadId, turn: { id: turnId, status: "inProgress", items: [] } } },
];

export const completed = (turnId: string, status = "completed", error: unknown = null, threadId = THREAD) => ({
  method: "turn/completed",
  params: { threadId, turn: { id: turnId, status, error, items: [] } },
});

export const agentMessage = (turnId: string, text: string, threadId = THREAD) => ({
  method: "item/completed",
  params: { threadId, turnId, item: { type: "agentMessage", id: `msg-${turnId}`, text, phase: null } },
});

export const tokenUsage = (turnId: string, total: number, input: number, threadId = THREAD) => ({
  method: "thread/tokenUsage/updated",
  params: {
    threadId,
    turnId,
    tokenUsage: {
      total: { totalTokens: total, inputTokens: input, cachedInputTokens: 0, outputTokens: total - input, reasoningOutputTokens: 0 },
      last: { totalTokens: 1, inputTokens: 1, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 },
      modelContextWindow: 1000,
    },
  },
});

/** Timers that fire only when the test advances time. */
export class ManualClock implements Clock {
  #t = 1_000_000;
  #timers: { at: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.#t;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.#t + ms, fn, live: true };
    this.#timers.push(timer);
    return () => void (timer.live = false);
  }
  advance(ms: number): void {
    this.#t += ms;
    for (const t of this.#timers.filter((x) => x.live && x.at <= this.#t).sort((a, b) => a.at - b.at)) {
      if (!t.live) continue;
      t.live = false;
      t.fn();
    }
  }
}

/** Polls `cond` until it holds (10 s at most). */
export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export { isAlive } from "../helpers/fixtures.ts";
