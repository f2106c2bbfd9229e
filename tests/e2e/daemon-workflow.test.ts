import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { repoRoot, runtimes } from "../helpers/bundle.ts";
import { cliWorld } from "./cli-harness.ts";
import { startDaemon } from "./daemon-harness.ts";
import { eventually } from "../helpers/wait.ts";

interface Health {
  project_name: string;
  path: string;
  ok: boolean;
  error: string | null;
  in_use: boolean;
  loaded_at: string | null;
}

for (const rt of runtimes) {
  const test = suite(`e2e daemon workflow reload (${rt.name})`);

  test("a broken edit keeps the last good WORKFLOW.md, shows in status, the API state and an event, and clears when fixed", async () => {
    const w = cliWorld(rt);
    const file = path.join(w.repo, "WORKFLOW.md");
    fs.copyFileSync(path.join(repoRoot, "WORKFLOW.md"), file);
    w.project();
    const d = await startDaemon(rt, w.db);
    try {
      const state = async () => ((await (await fetch(`${d.url}/api/v1/state`)).json()) as { workflows: Health[] }).workflows[0]!;
      const first = await state();
      assert.equal([first.ok, first.in_use, first.path], [true, true, file]);

      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("max_turns: 20", "max_turns: ten"));
      const broken = await eventually(async () => {
        const s = await state();
        return s.ok ? undefined : s;
      }, "the daemon noticing the broken edit", 10_000, 100);
      assert.match(broken.error!, /agent\.max_turns: expected a positive integer, got "ten"/);
      assert.is(broken.in_use, true, "the last good version stays in use");
      assert.is(broken.loaded_at, first.loaded_at);
      assert.match(w.ok(["status"]), /Workflow Demo: .*agent\.max_turns: expected a positive integer, got "ten" \(the last good version stays in use\)/);
      const events = async () => w.json(["events"]).events as { kind: string; message: string }[];
      const invalid = (await events()).find((e) => e.kind === "workflow_invalid");
      assert.match(invalid!.message, /^Demo: .*max_turns/);

      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("max_turns: ten", "max_turns: 12"));
      const fixed = await eventually(async () => {
        const s = await state();
        return s.ok ? s : undefined;
      }, "the daemon noticing the fix", 10_000, 100);
      assert.is(fixed.error, null);
      assert.ok(fixed.loaded_at! > first.loaded_at!, "the fixed file is the one in use");
      const kinds = await eventually(async () => {
        const k = (await events()).map((e) => e.kind);
        return k.includes("workflow_fixed") ? k : undefined;
      }, "workflow_fixed event", 10_000, 100);
      assert.ok(kinds.indexOf("workflow_reloaded") > kinds.indexOf("workflow_invalid"));
      assert.match(w.ok(["status"]), /Workflow Demo: ok \(/);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test("status without a daemon reads each project's WORKFLOW.md and names a missing one with the fix", () => {
    const w = cliWorld(rt);
    try {
      w.project();
      const s = w.json(["status"]);
      assert.is(s.workflows.length, 1);
      assert.is(s.workflows[0].ok, false);
      assert.is(s.workflows[0].error, `No WORKFLOW.md at ${path.join(w.repo, "WORKFLOW.md")} (create one with: maestro workflow init ${w.repo})`);
      fs.copyFileSync(path.join(repoRoot, "WORKFLOW.md"), path.join(w.repo, "WORKFLOW.md"));
      assert.is(w.json(["status"]).workflows[0].ok, true);
    } finally {
      w.cleanup();
    }
  });

  test("run --workflow uses that file for every project", async () => {
    const w = cliWorld(rt);
    const other = path.join(w.dir, "shared-WORKFLOW.md");
    fs.copyFileSync(path.join(repoRoot, "WORKFLOW.md"), other);
    w.project();
    const d = await startDaemon(rt, w.db, ["--workflow", other]);
    try {
      const s = (await (await fetch(`${d.url}/api/v1/state`)).json()) as { workflows: Health[] };
      assert.equal([s.workflows[0]!.path, s.workflows[0]!.ok], [other, true]);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test.run();
}
