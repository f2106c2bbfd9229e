/**
 * What every fault case shares: the bundle as a process (tests/helpers), a
 * daemon handle (tests/e2e/daemon-harness), waiting, and the case shape.
 * A case returns what it tried and what it found; it throws a `Broken`
 * (or any error) when the fault was not handled, and the message says what it found.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collect } from "../../tests/e2e/daemon-harness.ts";
import { waitForExit } from "../../tests/helpers/fixtures.ts";

export { collect } from "../../tests/e2e/daemon-harness.ts";
export { isAlive, waitForExit } from "../../tests/helpers/fixtures.ts";

// tests/helpers/bundle.ts finds the repository from its own file, which run-ts.mjs moves to
// .cache/scripts: this script's bundle sits there too, two levels below the repository.
export const repoRoot = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..", "..");
export const bundlePath = path.join(repoRoot, "dist", "maestro.js");
const denoBin = path.join(repoRoot, "node_modules", ".bin", "deno");

export interface RuntimeUnderTest {
  name: "node" | "deno";
  command(file: string): string[];
}
export const node: RuntimeUnderTest = { name: "node", command: (file) => [process.execPath, file] };
export const deno: RuntimeUnderTest = { name: "deno", command: (file) => [denoBin, "run", "-A", file] };

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  delete env.MAESTRO_DB;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the bundle to completion (60 s at most) and collects its output. */
export function runMaestro(rt: RuntimeUnderTest, args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {}): RunResult {
  const [cmd, ...pre] = rt.command(bundlePath);
  const r = spawnSync(cmd!, [...pre, ...args], { cwd: opts.cwd ?? repoRoot, env: baseEnv(opts.env), input: opts.input ?? "", encoding: "utf8", timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Starts the bundle without waiting; the caller owns the process. */
export function spawnMaestro(rt: RuntimeUnderTest, args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const [cmd, ...pre] = rt.command(bundlePath);
  return spawn(cmd!, [...pre, ...args], { cwd: repoRoot, env: baseEnv(env), stdio: ["pipe", "pipe", "pipe"] });
}

export function tempDir(prefix = "maestro-fault-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function sqlite3(db: string, sql: string): RunResult {
  const r = spawnSync("sqlite3", [db, sql], { encoding: "utf8" });
  return { code: r.status ?? -1, stdout: (r.stdout ?? "").trim(), stderr: r.stderr ?? "" };
}

export interface Daemon {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

/** `maestro run --port 0 --db DB`, resolved once its banner is out. */
export async function startDaemon(rt: RuntimeUnderTest, db: string, extra: string[] = []): Promise<Daemon> {
  const child = spawnMaestro(rt, ["run", "--port", "0", "--db", db, ...extra]);
  const io = collect(child);
  let m: RegExpMatchArray;
  try {
    m = await io.waitFor(/dashboard (http:\/\/\S+) · db /);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    url: m[1]!,
    stdout: io.out,
    stderr: io.err,
    async stop() {
      if (alive()) child.kill("SIGTERM");
      return await waitForExit(child);
    },
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await waitForExit(child);
    },
  };
}

/** What a case reports: the fault it set up and what the product did about it. */
export interface Outcome {
  tried: string;
  found: string;
}

export interface FaultCase {
  name: string;
  /** Tries the fault; resolves when it held, throws (message: what was found) when it did not. */
  run(): Promise<Outcome>;
}

/** A fault that was not handled; `tried` lets the failure line say what was tried too. */
export class Broken extends Error {
  constructor(readonly tried: string, found: string) {
    super(found);
  }
}

/** Throws Broken(tried, found) unless `ok`. */
export function expect(ok: unknown, tried: string, found: string): asserts ok {
  if (!ok) throw new Broken(tried, found);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value; throws after `ms`. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await sleep(50);
  }
}

/** GET/POST JSON on a daemon; never throws on an error status. */
export async function http(url: string, method = "GET", json?: unknown): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(url, {
    method,
    headers: json === undefined ? {} : { "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** The shell command that runs the bundle under Node (for codex.command and agent scripts). */
export const cliCommand = `'${process.execPath}' '${bundlePath}'`;

/** A git repo with one commit at `dir`. */
export function gitRepo(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(dir, "README.md"), "fault suite\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  return dir;
}

/** WORKFLOW.md text whose agent is `codexCommand`, worktrees under `wsRoot`, one turn per run, retries after 1 s. */
export function workflowText(codexCommand: string, wsRoot: string, extra = ""): string {
  return `---
codex:
  command: ${JSON.stringify(codexCommand)}
  approval_policy: never
workspace:
  root: ${JSON.stringify(wsRoot)}
agent:
  max_turns: 1
  max_retry_backoff_ms: 1000
phases:
  review:
    enabled: false
  done:
    enabled: false
${extra}---
Work on {{ issue.identifier }}.
`;
}

/** Shell text that commits a file and moves the issue to done through the CLI. */
export const commitAndFinish = `printf 'work of %s\\n' "$MAESTRO_ISSUE_IDENTIFIER" > work.txt && git add work.txt && ` +
  `git -c user.name=fake -c user.email=f@x commit -qm work && ${cliCommand} issue move "$MAESTRO_ISSUE_IDENTIFIER" done --db "$MAESTRO_DB" >/dev/null`;

