import type { Discovery } from "../daemon/mod.ts";
import { invalidInput } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import type { OpenTracker } from "./open-tracker.ts";

/** Where a command's operations go: today the database in-process, later a live daemon. */
export interface OperationClient {
  /** Runs one tracker operation by name; resolves to its result, throws its MaestroError. */
  call(op: string, input: Record<string, unknown>): Promise<unknown>;
  /** Releases whatever the calls opened. Idempotent. */
  close(): void;
}

export interface ClientOptions {
  dbFlag?: string;
  apiUrl?: string;
  /** The command exits after its answer: opening the database may favour a quick start over peak speed. */
  oneShot: boolean;
}

/**
 * The client for one command: when a daemon is live for the database, every
 * operation goes to it (the daemon is the one writer); otherwise the command
 * opens the file itself. Decided on the first call, so `--help` and
 * `version` never look.
 */
export function createClient(runtime: Runtime, options: ClientOptions): OperationClient {
  const { dbFlag, apiUrl } = options;
  let chosen: OperationClient | undefined;
  return {
    async call(op, input) {
      if (!chosen) {
        const [{ resolveDbPath }, { findDaemon }] = await Promise.all([import("../store/mod.ts"), import("../daemon/mod.ts")]);
        const found = findDaemon(runtime, resolveDbPath(runtime, dbFlag));
        const daemon = apiUrl === undefined ? found : explicitDaemon(runtime, apiUrl, found);
        chosen = daemon ? (await import("./remote-client.ts")).createRemoteClient(runtime, daemon) : createLocalClient(runtime, dbFlag, options.oneShot);
      }
      return await chosen.call(op, input);
    },
    close() {
      chosen?.close();
    },
  };
}

/**
 * `--api-url`, as the Go CLI had it: that daemon, with the token from the
 * discovery file when it is the same daemon, else from MAESTRO_API_TOKEN.
 */
function explicitDaemon(runtime: Runtime, apiUrl: string, found: Discovery | undefined): Discovery {
  const trimmed = apiUrl.trim().replace(/\/+$/, "");
  const url = /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    new URL(url);
  } catch {
    throw invalidInput(`Invalid --api-url: "${apiUrl}" is not a URL`, "pass e.g. http://127.0.0.1:8787");
  }
  const token = found?.url === url ? found.token : runtime.env("MAESTRO_API_TOKEN") ?? "";
  return { pid: found?.url === url ? found.pid : 0, url, token, version: "", started_at: "", db_path: "" };
}

/**
 * A client that opens the database on the first call (so `--help` and
 * `version` never touch it) and keeps it open for the command's other calls.
 * The first operation decides the mode: a read-only operation may open a
 * database in a read-only directory without the lock.
 */
function createLocalClient(runtime: Runtime, dbFlag: string | undefined, oneShot: boolean): OperationClient {
  let opened: OpenTracker | undefined;
  return {
    async call(op, input) {
      // Loaded on first use: the tracker's schemas and sql.js cost startup time that
      // `version` and `--help` should not pay (esbuild keeps these imports lazy in the one file).
      const [{ getOperation, runOperation }, { openTracker }] = await Promise.all([
        import("../tracker/mod.ts"),
        import("./open-tracker.ts"),
      ]);
      if (!opened && oneShot) runtime.preferQuickExit();
      opened ??= await openTracker(runtime, dbFlag, { readOnly: getOperation(op)?.readOnly === true });
      return runOperation(opened.tracker, op, input);
    },
    close() {
      const o = opened;
      opened = undefined;
      o?.close();
    },
  };
}
