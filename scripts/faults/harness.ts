/**
 * What every fault case shares: the bundle as a process (tests/helpers), a
 * daemon handle (tests/e2e/daemon-harness), waiting, and the case shape.
 * A case returns what it tried and what it found; it throws a `Broken`
 * (or any error) when the fault was not handled, and the message says what it found.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../../tests/helpers/bundle.ts";
import { initGitRepo } from "../../tests/helpers/fixtures.ts";

export {
  baseEnv,
  bundlePath,
  cliCommand,
  deno,
  node,
  repoRoot,
  type RunResult,
  runMaestro,
  type RuntimeUnderTest,
  spawnMaestro,
  sqlite3,
  tempDir,
} from "../../tests/helpers/bundle.ts";
export { collect, type Daemon, startDaemon } from "../../tests/e2e/daemon-harness.ts";
export { commitAndFinish, isAlive, waitForExit } from "../../tests/helpers/fixtures.ts";
export { eventually, sleep } from "../../tests/helpers/wait.ts";

/** A case's own folder (removed by `cleanup`), with a database path and an empty repository folder in it. */
export function caseDir(name: string): { dir: string; db: string; repo: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir(`maestro-fault-${name}-`);
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo);
  return { dir, db: path.join(dir, "maestro.db"), repo, cleanup };
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

/** A git repo with one commit at `dir`. */
export function gitRepo(dir: string): string {
  initGitRepo(dir);
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
