import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { isMaestroError } from "../../lib/errors.ts";
import { createWorkflowSource, loadWorkflow, type WorkflowFiles } from "../../lib/workflow/mod.ts";
import { tempDir } from "../helpers/bundle.ts";

const test = suite("workflow loading and hot reload");

/** The two file operations, done with node:fs the way lib/runtime does them. */
const files: WorkflowFiles = {
  readText: (p) => fs.readFileSync(p, "utf8"),
  stat(p) {
    try {
      const s = fs.statSync(p);
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
};
const env = { env: () => undefined, homeDir: "/home/u" };

function withDir(fn: (dir: string) => void): void {
  const { dir, cleanup } = tempDir("maestro-workflow-");
  try {
    fn(dir);
  } finally {
    cleanup();
  }
}

const settings = (turns: string) => `---\nagent:\n  max_turns: ${turns}\nworkspace:\n  root: trees\n---\nWork on {{ issue.identifier }}\n`;

test("loadWorkflow reads the file and resolves relative paths against its directory", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    fs.writeFileSync(file, settings("6"));
    const w = loadWorkflow(files, file, env);
    assert.is(w.path, file);
    assert.is(w.config.agent.max_turns, 6);
    assert.is(w.config.workspace.root, path.join(dir, "trees"));
  }));

test("loadWorkflow without a file is not_found and says how to create one", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    try {
      loadWorkflow(files, file, env);
      assert.unreachable("a missing file must throw");
    } catch (err) {
      if (!isMaestroError(err)) throw err;
      assert.is(err.code, "not_found");
      assert.is(err.message, `No WORKFLOW.md at ${file}`);
      assert.is(err.hint, `create one with: maestro workflow init ${dir}`);
    }
  }));

test("a file that cannot be read is unavailable and names the path", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    fs.mkdirSync(file);
    try {
      loadWorkflow(files, file, env);
      assert.unreachable("a directory must not load");
    } catch (err) {
      if (!isMaestroError(err)) throw err;
      assert.is(err.code, "unavailable");
      assert.ok(err.message.startsWith(`Cannot read ${file}: `), err.message);
    }
  }));

test("reload keeps the last good workflow while the file is invalid or missing, and clears the error when fixed", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    let clock = 1000;
    const source = createWorkflowSource({ files, path: file, ...env, now: () => clock });
    const missing = `No WORKFLOW.md at ${file} (create one with: maestro workflow init ${dir})`;

    assert.equal(source.current(), { error: missing, loadedAt: null, changed: false });

    fs.writeFileSync(file, settings("3"));
    let state = source.current();
    assert.is(state.workflow?.config.agent.max_turns, 3);
    assert.is(state.error, undefined);
    assert.is(state.loadedAt, 1000);
    assert.is(state.changed, true);
    const first = state.workflow;

    clock = 2000;
    state = source.current();
    assert.is(state.changed, false);
    assert.is(state.workflow, first, "an unchanged file is not parsed again");
    assert.is(state.loadedAt, 1000);

    fs.writeFileSync(file, settings("ten"));
    state = source.current();
    assert.is(state.workflow, first);
    assert.is(state.error, `${file}:3:14: agent.max_turns: expected a positive integer, got "ten"`);
    assert.is(state.changed, false);
    assert.is(source.current().error, state.error, "the error stays until the file is fixed");

    clock = 3000;
    fs.writeFileSync(file, settings("7"));
    state = source.current();
    assert.is(state.workflow?.config.agent.max_turns, 7);
    assert.is(state.error, undefined);
    assert.is(state.loadedAt, 3000);
    assert.is(state.changed, true);
    assert.is(source.current().changed, false, "changed is reported once per load");

    const good = state.workflow;
    fs.rmSync(file);
    state = source.current();
    assert.is(state.workflow, good);
    assert.is(state.error, missing);

    clock = 4000;
    fs.writeFileSync(file, settings("8"));
    state = source.current();
    assert.is(state.workflow?.config.agent.max_turns, 8);
    assert.is(state.error, undefined);
    assert.is(state.changed, true);
  }));

test("an edit that keeps size and mtime is still seen (the text is compared)", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    const stamp = new Date("2026-03-02T09:00:00Z");
    fs.writeFileSync(file, settings("3"));
    fs.utimesSync(file, stamp, stamp);
    const source = createWorkflowSource({ files, path: file, ...env });
    assert.is(source.current().workflow?.config.agent.max_turns, 3);
    fs.writeFileSync(file, settings("5"));
    fs.utimesSync(file, stamp, stamp);
    const state = source.current();
    assert.is(state.changed, true);
    assert.is(state.workflow?.config.agent.max_turns, 5);
  }));

test("a first load that fails has an error and no workflow until the file is fixed", () =>
  withDir((dir) => {
    const file = path.join(dir, "WORKFLOW.md");
    fs.writeFileSync(file, "---\n- not\n- a map\n---\n");
    const source = createWorkflowSource({ files, path: file, ...env });
    assert.equal(source.current(), {
      error: `${file}: front matter must be a YAML map of settings (key: value lines), got a list`,
      loadedAt: null,
      changed: false,
    });
    fs.writeFileSync(file, "Just a prompt for {{ issue.identifier }}\n");
    const state = source.current();
    assert.is(state.changed, true);
    assert.is(state.workflow?.prompt, "Just a prompt for {{ issue.identifier }}");
  }));

test.run();
