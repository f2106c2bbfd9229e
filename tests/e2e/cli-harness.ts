/**
 * A fresh database per test for the CLI end-to-end suites: `run` spawns the
 * bundle with `--db` pointing at it, `ok` asserts success and parses `--json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as assert from "uvu/assert";
import { type RunOptions, type RunResult, runMaestro, type RuntimeUnderTest, tempDir } from "../helpers/bundle.ts";

export interface CliWorld {
  dir: string;
  db: string;
  /** A directory to use as a project repository (exists, empty). */
  repo: string;
  run(args: string[], opts?: RunOptions): RunResult;
  /** Runs, asserts exit 0 and an empty stderr, returns stdout. */
  ok(args: string[], opts?: RunOptions): string;
  /** Runs with --json, asserts exit 0, returns the parsed value. */
  json<T = any>(args: string[], opts?: RunOptions): T;
  /** Creates project "Demo" on `repo` and returns its id. */
  project(name?: string, repo?: string): string;
  cleanup(): void;
}

/**
 * A temp directory with a database path and an empty repo directory. With
 * `template`, the database starts as a copy of the template's (spawning the
 * bundle to seed every test would cost more than the tests themselves).
 */
export function cliWorld(rt: RuntimeUnderTest, template?: CliWorld): CliWorld {
  const { dir, cleanup } = tempDir("maestro-cli-");
  const db = path.join(dir, "maestro.db");
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo);
  for (const suffix of ["", ".journal"]) {
    if (template && fs.existsSync(template.db + suffix)) fs.copyFileSync(template.db + suffix, db + suffix);
  }
  const run = (args: string[], opts?: RunOptions) => runMaestro(rt, [...args, "--db", db], opts);
  const ok = (args: string[], opts?: RunOptions) => {
    const r = run(args, opts);
    assert.is(r.code, 0, `maestro ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    assert.is(r.stderr, "", `maestro ${args.join(" ")} wrote to stderr`);
    return r.stdout;
  };
  const json = (args: string[], opts?: RunOptions) => JSON.parse(ok([...args, "--json"], opts));
  const project = (name = "Demo", repoPath = repo) => ok(["project", "create", name, "--repo", repoPath, "--quiet"]).trim();
  return { dir, db, repo, run, ok, json, project, cleanup };
}

/** Asserts a failure: the exit code, nothing on stdout, one stderr line `maestro: …` matching `re`. */
export function assertFails(r: RunResult, code: number, re: RegExp): void {
  assert.is(r.code, code, `expected exit ${code}, got ${r.code}: ${r.stderr}`);
  assert.is(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.is(lines.length, 1, `expected one stderr line, got: ${r.stderr}`);
  assert.match(lines[0]!, /^maestro: /);
  assert.match(lines[0]!, re);
}
