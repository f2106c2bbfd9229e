import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { baseEnv, bundlePath, runtimes } from "../helpers/bundle.ts";
import { cliWorld } from "./cli-harness.ts";

/**
 * Runs the bundle into a pipe whose reader starts after `delaySeconds`, so
 * the pipe (64 KiB) fills first; returns its exit code and what the reader got.
 */
function runWithSlowReader(command: string[], delaySeconds: number, dir: string): { code: number; stdout: string } {
  const out = path.join(dir, "slow-reader.out");
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const r = spawnSync("bash", ["-c", `${quoted} | (sleep ${delaySeconds}; cat > '${out}'); exit \${PIPESTATUS[0]}`], { env: baseEnv(), encoding: "utf8" });
  return { code: r.status ?? -1, stdout: fs.readFileSync(out, "utf8") };
}

for (const rt of runtimes) {
  const test = suite(`e2e cli output (${rt.name})`);

  test("output larger than a pipe holds reaches a slow reader whole before the process exits", () => {
    const w = cliWorld(rt);
    try {
      const project = w.project();
      const description = "0123456789abcdef".repeat(6000); // 96 KB: more than the 64 KiB a pipe buffers
      w.ok(["issue", "create", "Big", "--project", project, "--desc", description]);
      const r = runWithSlowReader([...rt.command(bundlePath), "issue", "show", "DEMO-1", "--json", "--db", w.db], 0.5, w.dir);
      assert.is(r.code, 0, `exit code; stdout ${r.stdout.length} bytes`);
      assert.is(JSON.parse(r.stdout).description, description);
    } finally {
      w.cleanup();
    }
  });

  test.run();
}
