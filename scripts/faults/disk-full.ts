/**
 * Disk full: the database lives on a 2 MiB tmpfs mounted for the case (root
 * only), filled to the last byte while the daemon runs. A write must be
 * refused with a clear error (5xx from the store's "unavailable", never a
 * crash), reads keep working, and once space is back every acknowledged
 * write is there after a restart, and no refused one is.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Daemon, expect, type FaultCase, http, node, type Outcome, sqlite3, startDaemon, tempDir } from "./harness.ts";

export const diskFullCase: FaultCase = { name: "disk full", run: diskFull };

/** Writes a filler file until the file system says ENOSPC; returns its path. */
function fill(dir: string): string {
  const file = path.join(dir, "filler");
  const fd = fs.openSync(file, "w");
  try {
    for (const size of [65536, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x55);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw err;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

async function diskFull(): Promise<Outcome> {
  const tried0 = "a 2 MiB tmpfs holding the database";
  expect(process.getuid?.() === 0, tried0, `cannot mount a tmpfs as uid ${process.getuid?.()}: run as root (CI does); no other honest ENOSPC injection without a product seam`);
  const { dir, cleanup } = tempDir("maestro-fault-disk-");
  const mnt = path.join(dir, "mnt");
  fs.mkdirSync(mnt);
  const repo = path.join(dir, "repo");
  fs.mkdirSync(repo);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt], { stdio: "pipe" });
  } catch (err) {
    throw new Error(`mount -t tmpfs failed: ${(err as { stderr?: Buffer }).stderr?.toString().trim() ?? String(err)}`);
  }
  const tried = `${tried0} (mount -t tmpfs -o size=2m), filled to ENOSPC by a filler file while the daemon ran, writes tried until 3 were refused, space freed, daemon restarted`;
  const db = path.join(mnt, "maestro.db");
  let d: Daemon | undefined;
  try {
    d = await startDaemon(node, db);
    const post = (title: string) => http(`${d!.url}/api/v1/app/issues`, "POST", { project_id: "Full", title });
    const made = await http(`${d.url}/api/v1/app/projects`, "POST", { name: "Full", repo_path: repo });
    expect(made.status === 201, tried, `project create answered ${made.status}`);
    const acked: string[] = [];
    for (let i = 0; i < 20; i++) if ((await post(`before-${i}`)).status === 201) acked.push(`before-${i}`);
    expect(acked.length === 20, tried, `only ${acked.length} of 20 writes before the fill succeeded`);

    const filler = fill(mnt);
    const refused: { status: number; body: any }[] = [];
    const attempted: string[] = [];
    for (let i = 0; i < 40 && refused.length < 3; i++) {
      const title = `while-full-${i}`;
      attempted.push(title);
      const r = await post(title);
      if (r.status === 201) acked.push(title); // a write that fit in the journal's last page is fine, if acknowledged honestly
      else refused.push(r);
    }
    expect(refused.length > 0, tried, "no write was refused on a full disk");
    const bad = refused.find((r) => r.status === 500 || r.status < 500 || !/disk full/i.test(r.body?.error?.message ?? ""));
    expect(!bad, tried, `a refused write answered ${bad?.status} ${String(JSON.stringify(bad?.body)).slice(0, 300)}`);
    const message = refused[0]!.body.error.message as string;
    const read = await http(`${d.url}/api/v1/app/issues?limit=100`);
    expect(read.status === 200 && read.body.items.length === acked.length, tried, `reads while full: ${read.status}, ${read.body?.items?.length} items (expected ${acked.length})`);
    const health = await http(`${d.url}/health`);
    expect(health.status === 200, tried, `/health while full: ${health.status}`);

    fs.rmSync(filler);
    const after = await post("after-space");
    expect(after.status === 201, tried, `a write once space was back answered ${after.status}: ${after.text.slice(0, 200)}`);
    acked.push("after-space");
    const code = await d.stop();
    expect(code === 0, tried, `the daemon exited ${code} on SIGTERM: ${d.stderr().slice(-300)}`);
    d = await startDaemon(node, db);
    const listed = ((await http(`${d.url}/api/v1/app/issues?limit=100`)).body.items as { title: string }[]).map((i) => i.title);
    await d.stop();
    d = undefined;
    const lost = acked.filter((t) => !listed.includes(t));
    const refusedTitles = attempted.filter((t) => !acked.includes(t));
    const ghosts = refusedTitles.filter((t) => listed.includes(t));
    expect(lost.length === 0, tried, `acknowledged writes lost: ${lost.join(", ")}`);
    expect(ghosts.length === 0, tried, `refused writes present after restart: ${ghosts.join(", ")}`);
    const integrity = sqlite3(db, "PRAGMA integrity_check").stdout;
    expect(integrity === "ok", tried, `integrity_check: ${integrity}`);
    return {
      tried,
      found: `${refused.length} of ${attempted.length} writes on the full disk refused with ${refused[0]!.status} "${message}", reads and /health kept answering 200, a write after freeing space succeeded, all ${acked.length} acknowledged writes present after restart, no refused one, integrity ok`,
    };
  } finally {
    await d?.kill();
    try {
      execFileSync("umount", [mnt], { stdio: "pipe" });
    } catch {
      execFileSync("umount", ["-l", mnt], { stdio: "pipe" });
    }
    cleanup();
  }
}
