// `maestro run --demo`: a seeded project worked by the built-in fake agent.
// Within a minute issues reach done with their commits on their branches, the
// flaky one fails once and is retried, and the one that asks for approval
// finishes once the approval is given from the CLI.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { cliWorld } from "./cli-harness.ts";
import { startDaemon } from "./daemon-harness.ts";
import { eventually } from "../helpers/wait.ts";

for (const rt of runtimes) {
  const test = suite(`e2e demo (${rt.name})`);

  test("run --demo seeds a project whose issues the fake agent takes to done; a failure is retried, an approval waits for a person", async () => {
    const w = cliWorld(rt);
    const d = await startDaemon(rt, w.db, ["--demo"]);
    try {
      await eventually(() => (/Demo: a fake agent works through project "Demo"/.test(d.stdout()) ? true : undefined), "the demo banner", 20_000, 250);
      const issues = () => w.json<{ items: { identifier: string; state: string }[] }>(["issue", "list"]).items;
      const stateOf = (id: string) => issues().find((i) => i.identifier === id)?.state;
      assert.is(issues().length, 12);
      // DEMO-1, 2, 5, 6, 7 and 11 need nobody; DEMO-4 fails its first try.
      for (const id of ["DEMO-1", "DEMO-2", "DEMO-4", "DEMO-5", "DEMO-6", "DEMO-7", "DEMO-11"]) {
        await eventually(() => (stateOf(id) === "done" ? true : undefined), `${id} to be done`, 90_000, 250);
      }
      const flaky = w.json(["issue", "execution", "DEMO-4"]);
      assert.ok(flaky.runtime_events.some((e: any) => e.kind === "run_failed"), "DEMO-4 failed once");
      const repo = path.join(path.dirname(w.db), "demo-repo");
      assert.match(execFileSync("git", ["log", "--oneline", "-1", "maestro/DEMO-1"], { cwd: repo, encoding: "utf8" }), /DEMO-1: demo change/);

      const pending = await eventually(() => {
        const items = w.json<{ items: { id: string; identifier: string }[] }>(["interrupts"]).items;
        return items.length > 0 ? items : undefined;
      }, "DEMO-3's approval request", 90_000, 250);
      assert.is(pending[0]!.identifier, "DEMO-3");
      assert.is(stateOf("DEMO-3"), "in_progress", "DEMO-3 waits");
      w.ok(["interrupts", "answer", pending[0]!.id, "--decision", "accept"]);
      await eventually(() => (stateOf("DEMO-3") === "done" ? true : undefined), "DEMO-3 to be done after the approval", 90_000, 250);
      assert.equal(issues().filter((i) => i.state === "backlog").map((i) => i.identifier).sort(), ["DEMO-10", "DEMO-12", "DEMO-8", "DEMO-9"]);
    } finally {
      await d.stop();
      w.cleanup();
    }
  });

  test.run();
}
