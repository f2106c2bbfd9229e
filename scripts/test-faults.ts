/**
 * The fault suite (`npm run test:faults`, and the tail of `npm test`): each
 * case breaks something on purpose against the built bundle and prints one
 * line, `✓ <case>: tried …; found …` or `✗ …`, then a summary line
 * `faults: N cases tried, N held`. Exits 1 when a case did not hold.
 * Usage: node scripts/run-ts.mjs scripts/test-faults.ts [FILTER]
 */
import * as fs from "node:fs";
import { Broken, bundlePath, deno, type FaultCase, node } from "./faults/harness.ts";
import { agentCases } from "./faults/agent-runs.ts";
import { discoveryCases } from "./faults/discovery.ts";
import { diskFullCase } from "./faults/disk-full.ts";
import { journalCases } from "./faults/journal-damage.ts";
import { malformedWorkflowCase } from "./faults/malformed-workflow.ts";
import { malformedMcpCase } from "./faults/malformed-mcp.ts";
import { malformedHttpCase } from "./faults/malformed-http.ts";
import { malformedCliCase } from "./faults/malformed-cli.ts";
import { killDaemonCase } from "./faults/kill-daemon.ts";

const CASE_TIMEOUT_MS = 120_000;
/** Cases run this many at a time: each spawns its own daemons on port 0 in its own temp dir. */
const PARALLEL = 4;

const all: FaultCase[] = [
  killDaemonCase(node),
  killDaemonCase(deno),
  ...journalCases,
  diskFullCase,
  ...agentCases,
  ...discoveryCases,
  malformedCliCase,
  malformedHttpCase,
  malformedMcpCase,
  malformedWorkflowCase,
];

async function runCase(c: FaultCase): Promise<{ held: boolean; line: string; ms: number }> {
  const start = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
  });
  try {
    const o = await Promise.race([c.run(), timeout]);
    return { held: true, line: `✓ ${c.name}: tried ${o.tried}; found ${o.found}`, ms: Date.now() - start };
  } catch (err) {
    const tried = err instanceof Broken ? err.tried : "the case";
    const found = (err as Error)?.message ?? String(err);
    return { held: false, line: `✗ ${c.name}: tried ${tried}; found ${found.replace(/\s*\n\s*/g, " ⏎ ").slice(0, 1500)}`, ms: Date.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(bundlePath)) {
    console.log(`✗ setup: tried to find the bundle; found no ${bundlePath} (run npm run build)`);
    console.log("faults: 0 cases tried, 0 held");
    return 1;
  }
  const filter = process.argv[2] ?? "";
  const cases = all.filter((c) => c.name.includes(filter));
  const started = Date.now();
  let held = 0;
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const r = await runCase(c);
      if (r.held) held++;
      console.log(`${r.line} (${(r.ms / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(`faults: ${cases.length} cases tried, ${held} held (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return held === cases.length ? 0 : 1;
}

process.exitCode = await main();
