/**
 * `maestro verify` and `maestro doctor` from the built bundle, on real git
 * repositories, with codex.command pointed at small shell scripts so the
 * Codex check is the same on every machine.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type RunOptions, type RunResult, runMaestro, runtimes, tempDir } from "../helpers/bundle.ts";
import { startDaemon } from "./daemon-harness.ts";

/** Answers initialize the way `codex app-server` does, and only initialize. */
const FAKE_CODEX = `#!/bin/sh
IFS= read -r line
case "$line" in
  *'"method":"initialize","id":1'*'"clientInfo":{"name":"maestro"'*)
    echo '{"method":"remoteControl/status/changed","params":{"status":"disabled"}}'
    echo '{"id":1,"result":{"userAgent":"maestro/0.169.0 (test)","codexHome":"/tmp","platformFamily":"unix","platformOs":"linux"}}' ;;
  *) echo "unexpected request: $line" >&2; exit 4 ;;
esac
`;

/** A Codex that cannot start: it says why on stderr and exits. */
const BROKEN_CODEX = `#!/bin/sh
echo "starting" >&2
echo "error: not logged in" >&2
exit 3
`;

interface World {
  dir: string;
  repo: string;
  db: string;
  trees: string;
  codex: string;
  run(args: string[], opts?: RunOptions): RunResult;
  /** Writes WORKFLOW.md with `codex.command` and `extra` front matter lines. */
  workflow(command: string, extra?: string): void;
  cleanup(): void;
}

function world(rt: (typeof runtimes)[number]): World {
  const { dir, cleanup } = tempDir("maestro-verify-");
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo);
  spawnSync("git", ["init", "-q", repo]);
  const codex = path.join(dir, "fake-codex");
  fs.writeFileSync(codex, FAKE_CODEX, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "broken-codex"), BROKEN_CODEX, { mode: 0o755 });
  const db = path.join(dir, "db", "maestro.db");
  const trees = path.join(dir, "trees");
  return {
    dir,
    repo,
    db,
    trees,
    codex,
    run: (args, opts) => runMaestro(rt, [...args, "--db", db], opts),
    workflow(command, extra = "") {
      const text = `---\nworkspace:\n  root: ${trees}\ncodex:\n  command: ${command}\n${extra}---\nWork on {{ issue.identifier }}: {{ issue.title }}\n`;
      fs.writeFileSync(path.join(repo, "WORKFLOW.md"), text);
    },
    cleanup,
  };
}

/** Check lines (✓/✗/!) of a report. */
const checkLines = (out: string) => out.split("\n").filter((l) => /^[✓✗!] /.test(l));

interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; message: string; fix?: string }[];
  warnings: { code: string; message: string }[];
}

for (const rt of runtimes) {
  const test = suite<{ w: World }>(`e2e cli verify and doctor (${rt.name})`);
  test.before.each((ctx) => {
    ctx.w = world(rt);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("a git repository with a valid WORKFLOW.md and a Codex that answers passes every check", ({ w }) => {
    w.workflow(`${w.codex} app-server`);
    const r = w.run(["verify", w.repo]);
    assert.is(r.code, 0, r.stdout + r.stderr);
    assert.is(r.stderr, "");
    assert.equal(r.stdout.split("\n"), [
      `Verification: ${w.repo}`,
      checkLines(r.stdout)[0]!,
      `✓ ${w.repo} is a git work tree`,
      "✓ git worktrees work (git worktree list)",
      `✓ WORKFLOW.md valid: ${path.join(w.repo, "WORKFLOW.md")}`,
      `✓ codex app-server answers initialize: ${w.codex} app-server (version 0.169.0)`,
      `✓ workspace root can be created: ${w.trees}`,
      "All 6 checks passed",
      "",
    ]);
    assert.match(checkLines(r.stdout)[0]!, /^✓ git \d+\.\d+\S* installed$/);
    // The working directory is the default repository.
    assert.is(w.run(["verify"], { cwd: w.repo }).stdout, r.stdout);
  });

  test("a missing codex command fails only the codex check, with the fix; exit 1", ({ w }) => {
    w.workflow("maestro-test-no-such-codex app-server");
    const r = w.run(["verify", w.repo]);
    assert.is(r.code, 1);
    assert.is(r.stderr, "");
    const failed = checkLines(r.stdout).filter((l) => l.startsWith("✗"));
    assert.equal(failed, [
      `✗ codex: "maestro-test-no-such-codex app-server" cannot start: "maestro-test-no-such-codex" not found (install Codex (npm install -g @openai/codex) or set codex.command in WORKFLOW.md)`,
    ]);
    assert.match(r.stdout, /^1 of 6 checks failed$/m);
  });

  test("a codex that exits before answering initialize fails with its last stderr line", ({ w }) => {
    w.workflow(`${path.join(w.dir, "broken-codex")} app-server`);
    const report: Report = JSON.parse(w.run(["verify", w.repo, "--json"]).stdout);
    const codex = report.checks.find((c) => c.name === "codex")!;
    assert.is(codex.ok, false);
    assert.is(codex.message, `codex: "${path.join(w.dir, "broken-codex")} app-server" exited with code 3 before answering initialize: error: not logged in`);
    assert.match(codex.fix!, /codex\.command/);
  });

  test("stdio mode only looks the command up", ({ w }) => {
    w.workflow(`${w.codex} exec -`, "agent:\n  mode: stdio\n");
    const report: Report = JSON.parse(w.run(["verify", w.repo, "--json"]).stdout);
    assert.equal(report.checks.find((c) => c.name === "codex"), { name: "codex", ok: true, message: `codex command found: ${w.codex} (stdio mode)` });
  });

  test("a directory that is not a git work tree fails with the git init fix", ({ w }) => {
    const plain = path.join(w.dir, "plain");
    fs.mkdirSync(plain);
    w.workflow(`${w.codex} app-server`);
    fs.copyFileSync(path.join(w.repo, "WORKFLOW.md"), path.join(plain, "WORKFLOW.md"));
    const r = w.run(["verify", plain]);
    assert.is(r.code, 1);
    const lines = checkLines(r.stdout);
    assert.ok(lines.includes(`✗ git repository: ${plain} is not a git work tree (run: git init ${plain})`), r.stdout);
    assert.not.ok(lines.some((l) => l.includes("worktree")), "the worktree check needs a work tree");
  });

  test("a broken WORKFLOW.md fails naming the key; warnings are shown but do not fail", ({ w }) => {
    w.workflow(`${w.codex} app-server`, "agent:\n  max_turns: ten\n");
    const broken = w.run(["verify", w.repo]);
    assert.is(broken.code, 1);
    const line = checkLines(broken.stdout).find((l) => l.startsWith("✗ WORKFLOW.md"));
    assert.ok(line, broken.stdout);
    assert.match(line!, /agent\.max_turns: expected a positive integer, got "ten"/);
    assert.match(line!, /\(.+\)$/, "the line ends with the fix");

    w.workflow(`${w.codex} app-server`, "agent:\n  max_turnz: 3\n");
    const warned = w.run(["verify", w.repo]);
    assert.is(warned.code, 0, warned.stdout);
    const lines = checkLines(warned.stdout);
    const valid = lines.findIndex((l) => l.startsWith("✓ WORKFLOW.md valid"));
    assert.match(lines[valid + 1]!, /^! .*max_turnz/);
    assert.match(warned.stdout, /^All 6 checks passed, 1 warning$/m);
  });

  test("a missing WORKFLOW.md fails with the init command as its fix", ({ w }) => {
    const r = w.run(["verify", w.repo, "--json"]);
    assert.is(r.code, 1);
    const report: Report = JSON.parse(r.stdout);
    assert.equal(report.checks.find((c) => c.name === "workflow"), {
      name: "workflow",
      ok: false,
      message: `WORKFLOW.md: missing at ${path.join(w.repo, "WORKFLOW.md")}`,
      fix: `create one with: maestro workflow init ${w.repo}`,
    });
  });

  test("--json has ok, checks and warnings; the exit code follows ok", ({ w }) => {
    w.workflow(`${w.codex} app-server`, "agent:\n  max_turnz: 3\n");
    const good = w.run(["verify", w.repo, "--json"]);
    assert.is(good.code, 0);
    const report: Report = JSON.parse(good.stdout);
    assert.equal(Object.keys(report), ["ok", "checks", "warnings"]);
    assert.is(report.ok, true);
    assert.equal(report.checks.map((c) => c.name), ["git", "git_repo", "git_worktree", "workflow", "codex", "workspace_root"]);
    for (const c of report.checks) assert.equal(Object.keys(c), ["name", "ok", "message"]);
    assert.is(report.warnings.length, 1);
    assert.is(report.warnings[0]!.code, "unknown_key");

    fs.writeFileSync(w.trees, "a file where the root should be");
    const bad = w.run(["verify", w.repo, "--json"]);
    assert.is(bad.code, 1);
    const failed: Report = JSON.parse(bad.stdout);
    assert.is(failed.ok, false);
    assert.equal(failed.checks.find((c) => !c.ok), {
      name: "workspace_root",
      ok: false,
      message: `workspace root: ${w.trees} is not a directory`,
      fix: "fix its permissions or set workspace.root in WORKFLOW.md",
    });
  });

  test("a missing repository directory is exit 3", ({ w }) => {
    const r = w.run(["verify", path.join(w.dir, "nope")]);
    assert.is(r.code, 3);
    assert.match(r.stderr, /^maestro: No directory at /);
  });

  test("doctor adds the database and the daemon, titled Doctor", ({ w }) => {
    w.workflow(`${w.codex} app-server`);
    const fresh = w.run(["doctor", w.repo]);
    assert.is(fresh.code, 0, fresh.stdout);
    assert.match(fresh.stdout, new RegExp(`^Doctor: ${w.repo}$`, "m"));
    assert.match(fresh.stdout, new RegExp(`^✓ database will be created on first use: ${w.db}$`, "m"));
    assert.match(fresh.stdout, new RegExp(`^✓ daemon not running for ${w.db} \\(start it with: maestro run --db ${w.db}\\)$`, "m"));
    assert.not.ok(fs.existsSync(w.db), "doctor creates no database");

    assert.is(w.run(["project", "list"]).code, 0);
    const existing: Report = JSON.parse(w.run(["doctor", w.repo, "--json"]).stdout);
    assert.equal(existing.checks.slice(-2).map((c) => c.name), ["database", "daemon"]);
    assert.is(existing.checks.at(-2)!.message, `database opens and is writable: ${w.db}`);
  });

  test("doctor fails on a database locked by another process", ({ w }) => {
    w.workflow(`${w.codex} app-server`);
    assert.is(w.run(["project", "list"]).code, 0);
    // This test process holds the lock, as another maestro command would.
    fs.writeFileSync(`${w.db}.lock`, `${JSON.stringify({ pid: process.pid, started_at: new Date().toISOString(), command: "maestro test" })}\n`);
    const r = w.run(["doctor", w.repo]);
    assert.is(r.code, 1);
    const line = checkLines(r.stdout).find((l) => l.startsWith("✗ database"));
    assert.ok(line?.includes(`is in use by process ${process.pid} (maestro test)`), r.stdout);
  });

  test("doctor reports a live daemon and the database it holds as fine", async ({ w }) => {
    w.workflow(`${w.codex} app-server`);
    fs.mkdirSync(path.dirname(w.db), { recursive: true });
    const daemon = await startDaemon(rt, w.db);
    try {
      const r = w.run(["doctor", w.repo]);
      assert.is(r.code, 0, r.stdout);
      const pid = daemon.child.pid!;
      assert.match(r.stdout, new RegExp(`^✓ database served by the live daemon \\(pid ${pid}\\): ${w.db}$`, "m"));
      assert.match(r.stdout, new RegExp(`^✓ daemon running: pid ${pid} at ${daemon.url.replace(/\./g, "\\.")}`, "m"));
    } finally {
      await daemon.stop();
    }
  });

  test.run();
}
