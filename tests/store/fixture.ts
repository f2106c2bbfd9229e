import * as fs from "node:fs";
import * as path from "node:path";
import { detectRuntime, type Runtime } from "../../lib/runtime/mod.ts";
import { type Migration, openStore, type OpenStoreOptions, type Store } from "../../lib/store/mod.ts";

export const runtime: Runtime = detectRuntime(import.meta.url);

export const rowsSchema: Migration[] = [{
  version: 1,
  name: "rows",
  up: (tx) => void tx.run("CREATE TABLE rows (n INTEGER PRIMARY KEY, body TEXT NOT NULL)"),
}];

export function open(db: string, extra: Partial<OpenStoreOptions> = {}): Promise<Store> {
  return openStore({ runtime, path: db, migrations: rowsSchema, ...extra });
}

export function insertRows(store: Store, from: number, count: number, body = "row"): void {
  for (let n = from; n < from + count; n++) store.write((tx) => tx.run("INSERT INTO rows (n, body) VALUES (?, ?)", [n, body]));
}

export const countRows = (store: Store) => store.read((q) => Number(q.get<{ c: number }>("SELECT count(*) AS c FROM rows")!.c));

/** Leaves the journal on disk as a crash would: the lock is released, nothing is folded. */
export function abandon(store: Store, db: string): void {
  const file = fs.readFileSync(db);
  const journal = fs.readFileSync(`${db}.journal`);
  store.close();
  fs.writeFileSync(db, file);
  fs.writeFileSync(`${db}.journal`, journal);
}

export const journalOf = (db: string) => `${db}.journal`;
export const siblings = (db: string) => fs.readdirSync(path.dirname(db));
