/**
 * Runs the built bundle (dist/maestro.js) as a process, under Node or Deno,
 * the way a user would. End-to-end suites run once per runtime.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * The repository: the nearest folder above this file holding package.json. This file runs
 * bundled, from .test-dist (the tests) or .cache/scripts (the fault suite), never from tests/helpers.
 */
export const repoRoot = findRepoRoot(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname));
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
export const bundlePath = path.join(repoRoot, "dist", "maestro.js");
/** The shell command that runs the bundle under Node (for codex.command and agent scripts). */
export const cliCommand = `'${process.execPath}' '${bundlePath}'`;
const denoBin = path.join(repoRoot, "node_modules", ".bin", "deno");

export interface RuntimeUnderTest {
  name: "node" | "deno";
  /** argv prefix that runs a JS file. */
  command(file: string): string[];
}

export const node: RuntimeUnderTest = { name: "node", command: (file) => [process.execPath, file] };
export const deno: RuntimeUnderTest = { name: "deno", command: (file) => [denoBin, "run", "-A", file] };
export const runtimes: RuntimeUnderTest[] = [node, deno];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /** Runs a copy of the bundle instead of dist/maestro.js. */
  file?: string;
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

/** Runs the bundle to completion and collects its output. */
export function runMaestro(rt: RuntimeUnderTest, args: string[], opts: RunOptions = {}): RunResult {
  const [cmd, ...pre] = rt.command(opts.file ?? bundlePath);
  const r = spawnSync(cmd!, [...pre, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: baseEnv(opts.env),
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Starts the bundle without waiting; the caller owns the process. */
export function spawnMaestro(rt: RuntimeUnderTest, args: string[], opts: RunOptions = {}): ChildProcess {
  const [cmd, ...pre] = rt.command(opts.file ?? bundlePath);
  return spawn(cmd!, [...pre, ...args], { cwd: opts.cwd ?? repoRoot, env: baseEnv(opts.env), stdio: ["pipe", "pipe", "pipe"] });
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = "maestro-test-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the sqlite3 CLI on a database file. */
export function sqlite3(db: string, sql: string): RunResult {
  const r = spawnSync("sqlite3", [db, sql], { encoding: "utf8" });
  return { code: r.status ?? -1, stdout: (r.stdout ?? "").trim(), stderr: r.stderr ?? "" };
}
