/**
 * Bench worker, run under Node and under Deno by scripts/bench.ts: seeds a
 * database with N issues through the tracker, then measures acknowledged
 * writes, a filtered list and reopening with a journal to replay.
 * Usage: store-worker.mjs DIR ISSUES [--keep-seeded FILE]  → prints one JSON object.
 * With --keep-seeded it also copies the database as seeded to FILE, for a
 * daemon to open (seeding 100k issues takes most of a minute); the object
 * then names the first project as seeded_project_id.
 */
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { openStore, type Store } from "../../lib/store/mod.ts";
import { createTracker, runOperation } from "../../lib/tracker/mod.ts";
import { quantile } from "./measure.ts";

const runtime = detectRuntime(import.meta.url);
const [dir, issuesArg, keepFlag, keepFile] = runtime.args();
const total = Number(issuesArg);
const db = `${dir}/bench-${total}.db`;

const round = (x: number) => Math.round(x * 1000) / 1000;

async function open(): Promise<{ store: Store; tracker: ReturnType<typeof createTracker> }> {
  const store = await openStore({ runtime, path: db });
  return { store, tracker: createTracker({ store, files: runtime.fs, assetsDir: `${dir}/assets` }) };
}

let { store, tracker } = await open();
const projectIds: string[] = [];
for (let p = 0; p < 4; p++) {
  const project = runOperation(tracker, "create_project", { name: `Bench ${p}`, repo_path: `${dir}/repo-${p}` }) as { id: string };
  projectIds.push(project.id);
}
const states = ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"];
const seedStart = performance.now();
const batch = 1000;
for (let i = 0; i < total; i += batch) {
  store.write(() => {
    for (let j = i; j < Math.min(total, i + batch); j++) {
      runOperation(tracker, "create_issue", {
        project_id: projectIds[j % 4],
        title: `Seeded issue ${j} with a title of a realistic length for a tracker`,
        description: "A description of realistic length. ".repeat(8),
        labels: [`area-${j % 7}`, `kind-${j % 3}`],
        priority: j % 5,
        state: states[j % 6 === 2 ? 0 : j % 6],
      });
    }
  });
}
const seedMs = performance.now() - seedStart;
if (keepFlag === "--keep-seeded" && keepFile) {
  store.compact(); // the file alone then holds every issue
  runtime.fs.writeAtomic(keepFile, runtime.fs.readFile(db));
}

const writes: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  runOperation(tracker, "create_issue", { project_id: projectIds[i % 4], title: `Measured ${i}`, labels: ["bench"], priority: 2 });
  writes.push(performance.now() - t);
}
const lists: number[] = [];
let listed = 0;
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  const page = runOperation(tracker, "list_issues", { project_id: projectIds[i % 4], state: "ready", limit: 50 }) as { items: unknown[] };
  lists.push(performance.now() - t);
  listed = page.items.length;
}

// Leave a journal of 1000 records behind (no fold), as after a crash, then time reopen + replay.
store.compact();
const snapshot = runtime.fs.readFile(db);
for (let i = 0; i < 1000; i++) runOperation(tracker, "update_issue", { identifier: `BENC-${i + 1}`, priority: 1 });
const journalBytes = store.stats().journalBytes;
const fileBytes = runtime.fs.stat(db)!.size;
const crashed = runtime.fs.readFile(`${db}.journal`);
store.close();
// close folded the journal; put back the file and journal a crash would have left
runtime.fs.writeAtomic(db, snapshot);
runtime.fs.writeAtomic(`${db}.journal`, crashed);
const t0 = performance.now();
({ store, tracker } = await open());
const reopenMs = performance.now() - t0;
const replayed = store.recovery.replayed;
store.close();

console.log(JSON.stringify({
  runtime: runtime.name,
  issues: total,
  seed_ms: Math.round(seedMs),
  write_p50_ms: round(quantile(writes, 0.5)),
  write_p99_ms: round(quantile(writes, 0.99)),
  list50_p50_ms: round(quantile(lists, 0.5)),
  list50_items: listed,
  reopen_ms: Math.round(reopenMs),
  replayed,
  journal_bytes: journalBytes,
  file_bytes: fileBytes,
  ...(keepFile ? { seeded_project_id: projectIds[0] } : {}),
}));
