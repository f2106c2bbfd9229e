/**
 * A torn or corrupted journal tail: the intact records before the damage
 * replay, the damage is reported (CLI warning line; the daemon's output), a
 * copy of the damaged journal is kept, and nothing is invented from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, type FaultCase, http, node, type Outcome, runMaestro, sqlite3, startDaemon, tempDir } from "./harness.ts";

const TITLES = ["j1", "j2", "j3", "j4", "j5"];

/** A database whose journal holds a project and five issues (the daemon was killed before folding it). */
async function journalWithIssues(dir: string): Promise<{ db: string; journal: Buffer }> {
  const db = path.join(dir, "src", "maestro.db");
  fs.mkdirSync(path.join(dir, "src", "repo"), { recursive: true });
  const d = await startDaemon(node, db);
  try {
    await http(`${d.url}/api/v1/app/projects`, "POST", { name: "J", repo_path: path.join(dir, "src", "repo") });
    for (const title of TITLES) {
      const r = await http(`${d.url}/api/v1/app/issues`, "POST", { project_id: "J", title });
      if (r.status !== 201) throw new Error(`creating ${title} answered ${r.status}`);
    }
  } finally {
    await d.kill();
  }
  return { db, journal: fs.readFileSync(`${db}.journal`) };
}

/** A copy of the database with `journal` as its journal, in a directory of its own. */
function copyWith(dir: string, name: string, src: string, journal: Buffer): string {
  const db = path.join(dir, name, "maestro.db");
  fs.mkdirSync(path.dirname(db), { recursive: true });
  fs.copyFileSync(src, db);
  fs.writeFileSync(`${db}.journal`, journal);
  return db;
}

interface Damage {
  kind: string;
  /** The damaged journal and how many bytes of it are past the last intact record. */
  make(journal: Buffer): { bytes: Buffer; dropped: number; what: string };
  reason: RegExp;
  /** Titles that must survive and titles that must not appear. */
  kept: string[];
  gone: string[];
}

const torn: Damage = {
  kind: "torn",
  make(journal) {
    const lines = journal.toString("latin1").split("\n").slice(0, -1);
    const last = Buffer.from(lines.at(-1)!, "latin1");
    const half = last.subarray(0, Math.floor(last.length * 0.6)); // a real record's first 60 %, no line end
    return { bytes: Buffer.concat([journal, half]), dropped: half.length, what: `the first ${half.length} bytes of a copy of the last record appended without its line end` };
  },
  reason: /torn record/,
  kept: TITLES,
  gone: [],
};

const corrupted: Damage = {
  kind: "corrupted",
  make(journal) {
    const at = journal.indexOf(Buffer.from(`"j5"`));
    if (at < 0) throw new Error(`no record of "j5" in the journal`);
    const bytes = Buffer.from(journal);
    bytes[at + 2] = "9".charCodeAt(0); // "j5" becomes "j9": the checksum no longer matches
    const lineStart = journal.lastIndexOf(0x0a, at) + 1;
    return { bytes, dropped: journal.length - lineStart, what: `one byte of the record creating "j5" flipped ("j5" → "j9")` };
  },
  reason: /checksum mismatch/,
  kept: TITLES.slice(0, 4),
  gone: ["j5", "j9"],
};

export function journalCase(damage: Damage): FaultCase {
  return { name: `${damage.kind} journal tail`, run: () => tryDamage(damage) };
}
export const journalCases = [journalCase(torn), journalCase(corrupted)];

async function tryDamage(damage: Damage): Promise<Outcome> {
  const { dir, cleanup } = tempDir("maestro-fault-journal-");
  try {
    const src = await journalWithIssues(dir);
    const { bytes, dropped, what } = damage.make(src.journal);
    const tried = `${what} (${src.journal.length}-byte journal of 5 issues), then opened by the CLI and by a daemon`;

    // The CLI: one warning line naming the dropped bytes and why, then the intact data.
    const db = copyWith(dir, "cli", src.db, bytes);
    const r = runMaestro(node, ["issue", "list", "--json", "--db", db]);
    expect(r.code === 0, tried, `issue list exited ${r.code}: ${r.stderr.trim()}`);
    const warning = r.stderr.trim();
    expect(!warning.includes("\n") && /^maestro: warning: Recovered .*dropped (\d+) bytes/.test(warning), tried, `CLI stderr was not one recovery warning: ${JSON.stringify(r.stderr)}`);
    expect(warning.includes(`dropped ${dropped} bytes`) && damage.reason.test(warning), tried, `CLI warning named the wrong damage (expected ${dropped} bytes, ${damage.reason}): ${warning}`);
    const titles = (JSON.parse(r.stdout).items as { title: string }[]).map((i) => i.title).sort();
    expect(JSON.stringify(titles) === JSON.stringify(damage.kept), tried, `issues after recovery: ${titles.join(",")} (expected ${damage.kept.join(",")})`);
    const invented = titles.filter((t) => damage.gone.includes(t));
    expect(invented.length === 0, tried, `invented from damage: ${invented.join(",")}`);
    const copies = fs.readdirSync(path.dirname(db)).filter((f) => f.startsWith("maestro.db.journal.damaged-"));
    expect(copies.length === 1 && fs.readFileSync(path.join(path.dirname(db), copies[0]!)).equals(bytes), tried, `damaged journal copy: ${copies.join(",") || "none"}`);
    const integrity = sqlite3(db, "PRAGMA integrity_check").stdout;
    expect(integrity === "ok", tried, `integrity_check after recovery: ${integrity}`);
    const again = runMaestro(node, ["issue", "list", "--quiet", "--db", db]);
    expect(again.code === 0 && again.stderr === "", tried, `a second open still complained: ${again.stderr.trim()}`);

    // The daemon: same data, and the damage reported on its output, not dropped silently.
    const ddb = copyWith(dir, "daemon", src.db, bytes);
    const d = await startDaemon(node, ddb);
    let said: string;
    let listed: string[];
    try {
      listed = ((await http(`${d.url}/api/v1/app/issues?limit=50`)).body.items as { title: string }[]).map((i) => i.title).sort();
    } finally {
      await d.stop();
      said = `${d.stdout()}\n${d.stderr()}`;
    }
    expect(JSON.stringify(listed) === JSON.stringify(damage.kept), tried, `daemon listed ${listed.join(",")} (expected ${damage.kept.join(",")})`);
    expect(/dropped \d+ bytes|damaged journal/.test(said), tried,
      `CLI: "${warning.slice(0, 120)}…", data ok; but the daemon opened the damaged journal silently (dropped ${dropped} bytes, kept a .damaged copy, said nothing on stdout/stderr)`);
    return { tried, found: `CLI warned once (${dropped} bytes dropped, ${damage.reason.source}), kept ${damage.kept.length} issues and the damaged copy, invented nothing, integrity ok; the daemon reported it too` };
  } finally {
    cleanup();
  }
}
