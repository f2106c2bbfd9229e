import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { MaestroError } from "../../lib/errors.ts";
import type { AppendFile, Runtime } from "../../lib/runtime/mod.ts";
import { tempDir } from "../helpers/bundle.ts";
import { countRows, open, runtime } from "./fixture.ts";

const test = suite("store on a full disk");

function fillUntilRefused(store: Awaited<ReturnType<typeof open>>, body: string): { acked: number; error: unknown } {
  for (let n = 1; n < 100_000; n++) {
    try {
      store.write((tx) => tx.run("INSERT INTO rows (n, body) VALUES (?, ?)", [n, body]));
    } catch (error) {
      return { acked: n - 1, error };
    }
  }
  throw new Error("the disk never filled");
}

function assertDiskFull(error: unknown): void {
  assert.instance(error, MaestroError);
  assert.is((error as MaestroError).code, "unavailable");
  assert.match((error as MaestroError).message, /disk full, nothing was saved/);
}

// A file system whose journal refuses appends once `budget` bytes were written, as a full disk does.
function runtimeWithBudget(budget: number): Runtime {
  let used = 0;
  const openAppend = (p: string): AppendFile => {
    const real = runtime.fs.openAppend(p);
    return {
      get size() {
        return real.size;
      },
      append(bytes) {
        if (used + bytes.length > budget) {
          const half = bytes.subarray(0, Math.floor(bytes.length / 2));
          real.append(half); // a short write, as a real full disk can leave
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        }
        used += bytes.length;
        real.append(bytes);
      },
      sync: () => real.sync(),
      truncate: (n) => real.truncate(n),
      close: () => real.close(),
    };
  };
  return { ...runtime, fs: { ...runtime.fs, openAppend } };
}

test("a write refused by a full disk is reported; reads go on; every acknowledged write survives", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = path.join(dir, "full.db");
    const store = await open(db, { runtime: runtimeWithBudget(20_000) });
    const { acked, error } = fillUntilRefused(store, "z".repeat(300));
    assertDiskFull(error);
    assert.is(countRows(store), acked);
    store.close();
    const again = await open(db);
    assert.is(countRows(again), acked);
    assert.is(again.recovery.droppedBytes, 0);
    again.close();
  } finally {
    cleanup();
  }
});

function mountTmpfs(dir: string, size: string): boolean {
  return spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).status === 0;
}

test("on a real full tmpfs the write is refused and nothing acknowledged is lost", async () => {
  const { dir, cleanup } = tempDir();
  const mnt = path.join(dir, "mnt");
  fs.mkdirSync(mnt);
  if (!mountTmpfs(mnt, "1m")) {
    cleanup();
    return; // not root here: the injected full disk above covers the logic
  }
  try {
    const db = path.join(mnt, "full.db");
    const store = await open(db, { compactBytes: 1 << 30 });
    fs.writeFileSync(path.join(mnt, "filler"), Buffer.alloc(600 * 1024));
    const { acked, error } = fillUntilRefused(store, "q".repeat(2000));
    assertDiskFull(error);
    assert.ok(acked > 10, `acked ${acked}`);
    assert.is(countRows(store), acked);
    store.close(); // its fold fails for lack of space; the journal keeps everything
    fs.rmSync(path.join(mnt, "filler"));
    const again = await open(db);
    assert.is(countRows(again), acked);
    again.close();
  } finally {
    spawnSync("umount", [mnt]);
    cleanup();
  }
});

test.run();
