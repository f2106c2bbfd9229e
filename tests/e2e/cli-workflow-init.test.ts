/**
 * `maestro workflow init` / `maestro init` from the built bundle: flags,
 * defaults, scripted prompts (--interactive), refusal to overwrite, bad
 * flag values, and the written file loading back to exactly what was asked.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { INIT_CHOICES, INIT_DEFAULTS, initSettingsOf, loadWorkflow, type Workflow, type WorkflowFiles } from "../../lib/workflow/mod.ts";
import { type RunOptions, type RunResult, runMaestro, runtimes, tempDir } from "../helpers/bundle.ts";
import { assertFails } from "./cli-harness.ts";

interface World {
  dir: string;
  repo: string;
  file: string;
  /** A stand-in `codex app-server` that answers initialize. */
  codex: string;
  run(args: string[], opts?: RunOptions): RunResult;
  cleanup(): void;
}

function world(rt: (typeof runtimes)[number]): World {
  const { dir, cleanup } = tempDir("maestro-init-");
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo);
  spawnSync("git", ["init", "-q", repo]);
  const codex = path.join(dir, "fake-codex");
  fs.writeFileSync(
    codex,
    `#!/bin/sh\nIFS= read -r line\necho '{"id":1,"result":{"userAgent":"fake_codex/1.2.3 (test)","codexHome":"/tmp","platformFamily":"unix","platformOs":"linux"}}'\n`,
    { mode: 0o755 },
  );
  const db = path.join(dir, "maestro.db");
  return {
    dir,
    repo,
    file: path.join(repo, "WORKFLOW.md"),
    codex,
    run: (args, opts) => runMaestro(rt, [...args, "--db", db], opts),
    cleanup,
  };
}

const files: WorkflowFiles = {
  readText: (p) => fs.readFileSync(p, "utf8"),
  stat: (p) => fs.statSync(p, { throwIfNoEntry: false }),
};
const load = (file: string): Workflow => loadWorkflow(files, file, { env: (n) => process.env[n], homeDir: os.homedir() });

/** The init settings as the written file reads back. */
const settingsOf = initSettingsOf;

for (const rt of runtimes) {
  const test = suite<{ w: World }>(`e2e cli workflow init (${rt.name})`);
  test.before.each((ctx) => {
    ctx.w = world(rt);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("init --defaults writes the init defaults, prints the verification and the next steps", ({ w }) => {
    const r = w.run(["workflow", "init", w.repo, "--defaults"]);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, "");
    const loaded = load(w.file);
    assert.equal(loaded.warnings, []);
    assert.equal(settingsOf(loaded), { ...INIT_DEFAULTS, workspace_root: path.join(os.homedir(), ".maestro/worktrees") });
    const lines = r.stdout.split("\n");
    assert.is(lines[0], `Initialized ${w.file}`);
    assert.ok(lines.includes("Verification"), r.stdout);
    assert.ok(lines.includes(`✓ WORKFLOW.md valid: ${w.file}`), r.stdout);
    assert.match(r.stdout, /^Next steps/m);
    assert.match(r.stdout, new RegExp(`^  maestro project create repo --repo ${w.repo} --db \\S+ +# register the project$`, "m"));
    assert.match(r.stdout, /^ {2}maestro run --db \S+ +# start the daemon/m);
    assert.match(r.stdout, /^ {2}maestro project start repo --db \S+ +# let the orchestrator/m);
  });

  test("every setting flag is written and reads back exactly; the file verifies", ({ w }) => {
    const root = path.join(w.dir, "trees");
    const r = w.run([
      "init", w.repo,
      "--workspace-root", root,
      "--codex-command", `${w.codex} app-server`,
      "--agent-mode", "app_server",
      "--dispatch-mode", "serial",
      "--max-concurrent-agents", "5",
      "--max-turns", "12",
      "--max-automatic-retries", "2",
      "--approval-policy", "on-request",
      "--initial-collaboration-mode", "plan",
    ]);
    assert.is(r.code, 0, r.stderr);
    const loaded = load(w.file);
    assert.equal(settingsOf(loaded), {
      workspace_root: root,
      codex_command: `${w.codex} app-server`,
      agent_mode: "app_server",
      dispatch_mode: "per_project_serial",
      max_concurrent_agents: 5,
      max_turns: 12,
      max_automatic_retries: 2,
      approval_policy: "on-request",
      initial_collaboration_mode: "plan",
    });
    assert.equal(loaded.warnings, []);
    assert.match(r.stdout, /^All 6 checks passed$/m);
    assert.match(r.stdout, /^Next steps:$/m);
    const verify = w.run(["verify", w.repo, "--json"]);
    assert.is(verify.code, 0, verify.stdout);
    assert.is(JSON.parse(verify.stdout).ok, true);
  });

  test("--interactive asks for what the flags left open: numbers, aliases, prefixes, Enter, and again after a bad answer", ({ w }) => {
    const root = path.join(w.dir, "wt");
    const answers = [
      root, // workspace root (the codex command came as a flag)
      "1", // agent mode by number: app_server
      "p", // dispatch mode: ambiguous prefix, asked again
      "pps", // alias of per_project_serial
      "zero", // max concurrent agents: not a number, asked again
      "0", // not positive, asked again
      "6",
      "", // max turns: default
      "3", // max automatic retries
      "fail", // approval policy alias: on-failure
      "pl", // collaboration mode by prefix: plan
    ];
    const r = w.run(["workflow", "init", w.repo, "--interactive", "--codex-command", `${w.codex} app-server`], { input: `${answers.join("\n")}\n` });
    assert.is(r.code, 0, r.stderr);
    assert.equal(settingsOf(load(w.file)), {
      workspace_root: root,
      codex_command: `${w.codex} app-server`,
      agent_mode: "app_server",
      dispatch_mode: "per_project_serial",
      max_concurrent_agents: 6,
      max_turns: INIT_DEFAULTS.max_turns,
      max_automatic_retries: 3,
      approval_policy: "on-failure",
      initial_collaboration_mode: "plan",
    });
    const out = r.stdout;
    assert.match(out, /^Workspace root \[~\/\.maestro\/worktrees\]: /m);
    assert.not.match(out, /Codex command \[/, "a setting given as a flag is not asked");
    assert.match(out, /^Agent mode:\n {2}1\) app_server +.*\(default\)\n {2}2\) stdio /m);
    assert.match(out, /^ {2}Expected one of parallel, per_project_serial, got "p", which could be parallel or per_project_serial$/m);
    assert.match(out, /^ {2}Expected a positive integer, got "zero"$/m);
    assert.match(out, /^ {2}Expected a positive integer, got "0"$/m);
    assert.match(out, /^Max turns \[4\]: \n/m);
    assert.match(out, new RegExp(`^Initialized ${w.file}$`, "m"));
  });

  test("--interactive with stdio skips the app-server questions; end of input keeps the defaults", ({ w }) => {
    const r = w.run(["init", w.repo, "--interactive"], { input: "\n\nstd\n" });
    assert.is(r.code, 0, r.stderr);
    const s = settingsOf(load(w.file));
    assert.is(s.agent_mode, "stdio");
    assert.is(s.dispatch_mode, INIT_DEFAULTS.dispatch_mode);
    assert.is(s.max_automatic_retries, INIT_DEFAULTS.max_automatic_retries);
    assert.not.match(r.stdout, /Approval policy/);
    assert.not.match(r.stdout, /Initial collaboration mode/);
  });

  test("an existing WORKFLOW.md is kept without --force and replaced with it", ({ w }) => {
    fs.writeFileSync(w.file, "mine\n");
    for (const cmd of [["workflow", "init"], ["init"]]) {
      const r = w.run([...cmd, w.repo, "--defaults"]);
      assertFails(r, 2, new RegExp(`^maestro: WORKFLOW\\.md already exists at ${w.file}; rerun with --force to overwrite$`));
      assert.is(fs.readFileSync(w.file, "utf8"), "mine\n");
    }
    const r = w.run(["init", w.repo, "--defaults", "--force"]);
    assert.is(r.code, 0, r.stderr);
    assert.equal(load(w.file).warnings, []);
  });

  test("interactive: an existing file is replaced only when the user says yes (default No)", ({ w }) => {
    fs.writeFileSync(w.file, "mine\n");
    const no = w.run(["init", w.repo, "--interactive"], { input: "\n" });
    assert.is(no.code, 2);
    assert.match(no.stdout, new RegExp(`^${w.file} already exists\\. Overwrite it\\? \\[y/N\\]: `));
    assert.match(no.stderr, new RegExp(`^maestro: Cancelled: kept the existing ${w.file}`));
    assert.is(fs.readFileSync(w.file, "utf8"), "mine\n");
    const yes = w.run(["init", w.repo, "--interactive"], { input: "yes\n" });
    assert.is(yes.code, 0, yes.stderr);
    assert.equal(settingsOf(load(w.file)).max_turns, INIT_DEFAULTS.max_turns);
  });

  test("a bad flag value exits 2 naming the flag, the value and what is allowed; nothing is written", ({ w }) => {
    const cases: [string[], RegExp][] = [
      [["--agent-mode", "fast"], /^maestro: Invalid value for --agent-mode: expected one of app_server, stdio, got "fast"$/],
      [["--dispatch-mode", "1"], /^maestro: Invalid value for --dispatch-mode: expected one of parallel, per_project_serial, got "1"$/],
      [["--approval-policy", "on"], /^maestro: Invalid value for --approval-policy: expected one of never, on-request, on-failure, untrusted, got "on", which could be on-request or on-failure$/],
      [["--max-turns", "0"], /^maestro: Invalid value for --max-turns: expected a positive integer, got "0"$/],
      [["--max-concurrent-agents", "two"], /^maestro: Invalid value for --max-concurrent-agents: expected an integer, got "two"/],
      [["--codex-command", " "], /^maestro: Invalid value for --codex-command: expected a non-empty value, got ""$/],
    ];
    for (const [flags, re] of cases) {
      assertFails(w.run(["init", w.repo, "--defaults", ...flags]), 2, re);
      assert.not.ok(fs.existsSync(w.file));
    }
  });

  test("the repository defaults to the working directory; a missing directory is exit 3", ({ w }) => {
    const r = w.run(["init", "--defaults"], { cwd: w.repo });
    assert.is(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(w.file));
    const missing = path.join(w.dir, "nope");
    assertFails(w.run(["init", missing, "--defaults"]), 3, new RegExp(`^maestro: No directory at ${missing}`));
  });

  test("help lists every setting flag with workflow's menus and init defaults", ({ w }) => {
    const help = w.run(["workflow", "init", "--help"]).stdout;
    const values: Record<string, string[]> = Object.fromEntries(
      Object.entries(INIT_CHOICES).map(([kind, choices]) => [kind, choices.map((c) => c.value)]),
    );
    for (const [key, value] of Object.entries(INIT_DEFAULTS)) {
      const flag = `--${key.replaceAll("_", "-")}`;
      const line = help.split("\n").find((l) => l.trimStart().startsWith(`${flag} `));
      assert.ok(line, `help has ${flag}`);
      assert.ok(line!.includes(`default ${value})`), `${flag} shows default ${value}: ${line}`);
      if (values[key]) assert.ok(line!.includes(values[key]!.join(", ")), `${flag} lists ${values[key]}: ${line}`);
    }
  });

  test.run();
}
