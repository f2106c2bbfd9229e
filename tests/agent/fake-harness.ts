/**
 * Drives the bundle's `maestro fake-codex` as a process with raw JSON-RPC
 * lines, the way a Codex client would: one JSON object per stdin line, each
 * stdout line read in order. Every wait has a deadline so a broken fake fails
 * the test instead of hanging it.
 */
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import { type RuntimeUnderTest, spawnMaestro, tempDir } from "../helpers/bundle.ts";

// deno-lint-ignore no-explicit-any
export type Json = any;

const DEADLINE_MS = 15_000;

/** A JSON-lines client of any app-server process (the fake here, the real codex in tests/codex). */
export class FakeCodex {
  /** stdout lines not yet taken by next(). */
  readonly proc: ChildProcess;
  private readonly queue: string[] = [];
  private partial = "";
  private wake: (() => void) | undefined;
  stderr = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `maestro fake-codex --scenario SCENARIO` in `cwd`, or the given process. */
  constructor(rt: RuntimeUnderTest, scenario: string, cwd: string);
  constructor(proc: ChildProcess);
  constructor(...args: [RuntimeUnderTest, string, string] | [ChildProcess]) {
    this.proc = args.length === 1 ? args[0] : spawnMaestro(args[0], ["fake-codex", "--scenario", args[1]], { cwd: args[2] });
    this.proc.stdout!.setEncoding("utf8");
    this.proc.stdout!.on("data", (chunk: string) => {
      const parts = (this.partial + chunk).split("\n");
      this.partial = parts.pop()!;
      this.queue.push(...parts);
      this.wake?.();
    });
    this.proc.stderr!.setEncoding("utf8");
    this.proc.stderr!.on("data", (chunk: string) => {
      this.stderr += chunk;
      this.wake?.();
    });
    this.exited = new Promise((resolve) => this.proc.on("close", (code, signal) => {
      this.wake?.();
      resolve({ code, signal });
    }));
  }

  /** Writes one line: an object as JSON, a string as is. */
  send(message: Json | string): void {
    this.proc.stdin!.write(`${typeof message === "string" ? message : JSON.stringify(message)}\n`);
  }

  private async waitFor(ready: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    while (!ready()) {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        if (ready()) return;
        throw new Error(`fake-codex exited (${this.proc.exitCode ?? this.proc.signalCode}) while waiting for ${what}; stderr: ${this.stderr}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The next stdout line, as text. */
  async nextLine(): Promise<string> {
    await this.waitFor(() => this.queue.length > 0, "a stdout line");
    return this.queue.shift()!;
  }

  /** The next stdout line, parsed. */
  async next(): Promise<Json> {
    return JSON.parse(await this.nextLine());
  }

  /** Reads lines up to and including the first that `match` accepts. */
  async until(match: (m: Json) => boolean): Promise<Json[]> {
    const seen: Json[] = [];
    for (;;) {
      const m = await this.next();
      seen.push(m);
      if (match(m)) return seen;
    }
  }

  /** Resolves once stderr contains `text`. */
  async stderrHas(text: string): Promise<void> {
    await this.waitFor(() => this.stderr.includes(text), `stderr "${text}"`);
  }

  /** stdout lines that arrived and were not read yet (without waiting). */
  unread(): string[] {
    return [...this.queue];
  }

  /** Closes stdin and waits for the exit. */
  async close(): Promise<{ code: number | null; rest: string[] }> {
    this.proc.stdin!.end();
    return await this.exit();
  }

  /** Waits for the process to end on its own. */
  async exit(): Promise<{ code: number | null; rest: string[] }> {
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), DEADLINE_MS);
    const { code } = await this.exited;
    clearTimeout(timer);
    const rest = [...this.queue, ...(this.partial ? [this.partial] : [])];
    this.queue.length = 0;
    return { code, rest };
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill("SIGKILL");
  }

  /** initialize → initialized → thread/start in `cwd`; returns the thread id. */
  async handshake(cwd: string): Promise<string> {
    this.send({ method: "initialize", id: 1, params: { clientInfo: { name: "fake_test", version: "0.0.1" }, capabilities: { experimentalApi: true } } });
    const init = await this.next();
    if (init.id !== 1 || !init.result?.userAgent) throw new Error(`bad initialize answer: ${JSON.stringify(init)}`);
    this.send({ method: "initialized", params: {} });
    this.send({ method: "thread/start", id: 2, params: { cwd, approvalPolicy: "never", sandbox: "danger-full-access" } });
    const started = await this.next();
    const note = await this.next();
    if (started.id !== 2 || note.method !== "thread/started") throw new Error(`bad thread/start answer: ${JSON.stringify([started, note])}`);
    return started.result.thread.id;
  }

  /** Sends turn/start with `id` and reads its answer, turn/started and the user message item. */
  async startTurn(threadId: string, id: number, text = "Do the thing"): Promise<string> {
    this.send({ method: "turn/start", id, params: { threadId, input: [{ type: "text", text }] } });
    const [answer, started, userStarted, userDone] = [await this.next(), await this.next(), await this.next(), await this.next()];
    if (answer.id !== id || started.method !== "turn/started" || userStarted.params?.item?.type !== "userMessage" || userDone.method !== "item/completed") {
      throw new Error(`bad turn/start answer: ${JSON.stringify([answer, started, userStarted, userDone])}`);
    }
    return answer.result.turn.id;
  }
}

/** "method" for notifications, "request:method" for server requests, "response:id" for answers. */
export function shape(m: Json): string {
  if (typeof m.method === "string") return m.id === undefined ? m.method : `request:${m.method}`;
  return `response:${m.id}`;
}

/** Writes a scenario file into `dir`; returns its path. */
export function scenarioFile(dir: string, name: string, scenario: Json): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(scenario));
  return file;
}

/**
 * A suite of fake-codex tests: each test gets a fresh directory
 * (`world.dir`), and the fake it starts with `world.start` is killed after it.
 */
export function fakeSuite(title: string) {
  const test = suite(title);
  let cleanup = () => {};
  const world = {
    dir: "",
    fake: undefined as FakeCodex | undefined,
    /** `maestro fake-codex --scenario SCENARIO` in the test's directory. */
    start(rt: RuntimeUnderTest, scenario: string): FakeCodex {
      return (world.fake = new FakeCodex(rt, scenario, world.dir));
    },
  };
  test.before.each(() => {
    ({ dir: world.dir, cleanup } = tempDir("maestro-fake-"));
  });
  test.after.each(() => {
    world.fake?.kill();
    world.fake = undefined;
    cleanup();
  });
  return { test, world };
}
