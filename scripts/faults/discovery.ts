/**
 * One database, one daemon: a second `maestro run` on the same database is
 * refused with the live daemon's pid and URL and leaves it alone; a stale
 * discovery file (a dead pid) is ignored by the CLI and replaced by the next daemon.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { caseDir, deno, expect, type FaultCase, http, node, type Outcome, runMaestro, startDaemon } from "./harness.ts";

export const secondDaemonCase: FaultCase = {
  name: "second daemon on the same database",
  async run(): Promise<Outcome> {
    const { db, repo, cleanup } = caseDir("second");
    const tried = "maestro run on a database a live daemon (Node) serves, once under Node and once under Deno";
    const first = await startDaemon(node, db);
    try {
      await http(`${first.url}/api/v1/app/projects`, "POST", { name: "One", repo_path: repo });
      const pid = first.child.pid!;
      const lines: string[] = [];
      for (const rt of [node, deno]) {
        const r = runMaestro(rt, ["run", "--port", "0", "--db", db]);
        const err = r.stderr.trim();
        expect(r.code !== 0 && r.code !== -1, tried, `the second daemon (${rt.name}) exited ${r.code} (stdout ${r.stdout.slice(0, 200)})`);
        expect(!err.includes("\n") && err.startsWith("maestro: ") && err.includes(`pid ${pid}`) && err.includes(first.url), tried, `second daemon (${rt.name}) said: ${JSON.stringify(r.stderr)}`);
        lines.push(err);
      }
      const still = await http(`${first.url}/api/v1/app/issues`, "POST", { project_id: "One", title: "after the refusal" });
      expect(still.status === 201, tried, `the first daemon answered ${still.status} after the refusal`);
      const disc = JSON.parse(fs.readFileSync(`${db}.daemon.json`, "utf8"));
      expect(disc.pid === pid, tried, `the discovery file now names pid ${disc.pid}`);
      return { tried, found: `both exited non-zero with "${lines[0]}"; the first daemon kept serving writes and its discovery file` };
    } finally {
      await first.stop();
      cleanup();
    }
  },
};

/** A pid that is certainly dead: a process that already exited. */
function deadPid(): number {
  const r = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number(r.stdout.trim());
}

export const staleDiscoveryCase: FaultCase = {
  name: "stale discovery file",
  async run(): Promise<Outcome> {
    const { db, repo, cleanup } = caseDir("stale");
    const pid = deadPid();
    const tried = `a discovery file naming dead pid ${pid} and a closed port, then CLI commands and a new daemon`;
    const created = runMaestro(node, ["project", "create", "Stale", "--repo", repo, "--quiet", "--db", db]);
    expect(created.code === 0, tried, `project create exited ${created.code}: ${created.stderr}`);
    const stale = { pid, url: "http://127.0.0.1:9", token: "stale-token", version: "0.0.0", started_at: "2020-01-01T00:00:00.000Z", db_path: db, mcp_url: "http://127.0.0.1:9/mcp", mcp_token: "x" };
    fs.writeFileSync(`${db}.daemon.json`, JSON.stringify(stale), { mode: 0o600 });
    try {
      const write = runMaestro(node, ["issue", "create", "Direct", "--project", "Stale", "--quiet", "--db", db]);
      expect(write.code === 0 && write.stderr === "", tried, `issue create with a stale discovery file exited ${write.code}: ${write.stderr.trim()}`);
      const read = runMaestro(node, ["issue", "list", "--quiet", "--db", db]);
      expect(read.code === 0 && read.stdout.trim() === write.stdout.trim(), tried, `issue list exited ${read.code}: ${read.stdout.trim()} ${read.stderr.trim()}`);
      const d = await startDaemon(node, db);
      try {
        const disc = JSON.parse(fs.readFileSync(`${db}.daemon.json`, "utf8"));
        expect(disc.pid === d.child.pid && disc.url === d.url, tried, `the new daemon left discovery as ${JSON.stringify(disc).slice(0, 200)}`);
        const via = runMaestro(node, ["issue", "show", write.stdout.trim(), "--json", "--db", db]);
        expect(via.code === 0 && JSON.parse(via.stdout).title === "Direct", tried, `issue show through the new daemon exited ${via.code}: ${via.stderr.trim()}`);
      } finally {
        await d.stop();
      }
      return { tried, found: `the CLI ignored it and wrote directly (${write.stdout.trim()} created and listed, no warning); a new daemon replaced it with its own pid and URL and served the CLI` };
    } finally {
      cleanup();
    }
  },
};

export const discoveryCases = [secondDaemonCase, staleDiscoveryCase];
