import type { Runtime } from "../runtime/mod.ts";

/** What a live daemon publishes next to its database (mode 0600): how to reach it and prove it. */
export interface Discovery {
  pid: number;
  url: string;
  /** Bearer token for POST /api/v1/ops: only users who can read this file may call it. */
  token: string;
  version: string;
  started_at: string;
  db_path: string;
  /** The private MCP endpoint (loopback, random port) that `maestro mcp` bridges to. */
  mcp_url?: string;
  /** Bearer token for the MCP endpoint. */
  mcp_token?: string;
}

/** `<db>.daemon.json`: next to the database, so one database has at most one. */
export const discoveryPath = (dbPath: string): string => `${dbPath}.daemon.json`;

function parse(text: string): Discovery | undefined {
  try {
    const d = JSON.parse(text) as Partial<Discovery>;
    return typeof d.pid === "number" && typeof d.url === "string" && typeof d.token === "string" ? (d as Discovery) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The daemon serving `dbPath`, or undefined when there is none. A file
 * whose process is gone (or that cannot be read) is stale: it is removed
 * when `removeStale` is set, so the next daemon starts cleanly.
 */
export function findDaemon(runtime: Runtime, dbPath: string, removeStale = false): Discovery | undefined {
  const file = discoveryPath(dbPath);
  if (!runtime.fs.stat(file)) return undefined;
  let found: Discovery | undefined;
  try {
    found = parse(runtime.fs.readText(file));
  } catch {
    return undefined; // unreadable (another user's daemon): treat as absent, the lock still protects the file
  }
  if (found && found.pid !== runtime.pid && runtime.isProcessAlive(found.pid)) return found;
  if (removeStale) runtime.fs.remove(file);
  return undefined;
}

/** Writes the discovery file atomically, readable by its owner only. */
export function publishDiscovery(runtime: Runtime, d: Discovery): void {
  runtime.fs.writeAtomic(discoveryPath(d.db_path), `${JSON.stringify(d, null, 2)}\n`, 0o600);
}

/** Removes the discovery file if it is still ours (a newer daemon may have replaced it). */
export function withdrawDiscovery(runtime: Runtime, dbPath: string): void {
  const file = discoveryPath(dbPath);
  try {
    if (parse(runtime.fs.readText(file))?.pid === runtime.pid) runtime.fs.remove(file);
  } catch {
    // already gone
  }
}
