/**
 * Starts `maestro run --port 0` from the built bundle and waits for its
 * banner; the returned handle knows the URL and stops the daemon.
 */
import type { ChildProcess } from "node:child_process";
import { type RuntimeUnderTest, spawnMaestro } from "../helpers/bundle.ts";
import { waitForExit } from "../helpers/fixtures.ts";

export interface Daemon {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

export function collect(child: ChildProcess): { out: () => string; err: () => string; waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray> } {
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const waitFor = (re: RegExp, ms = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${re}; stdout: ${out} stderr: ${err}`)), ms);
      const check = () => {
        const m = out.match(re);
        if (m) done(undefined, m);
      };
      const onExit = () => {
        check();
        done(new Error(`daemon exited before ${re}; stdout: ${out} stderr: ${err}`));
      };
      const done = (e?: Error, m?: RegExpMatchArray) => {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        child.off("exit", onExit);
        if (m) resolve(m);
        else reject(e);
      };
      child.stdout!.on("data", check);
      child.on("exit", onExit);
      check();
    });
  return { out: () => out, err: () => err, waitFor };
}

/** `extra` may hold `--port N` (e.g. to come back on the same port after a restart); the default is --port 0. */
export async function startDaemon(rt: RuntimeUnderTest, db: string, extra: string[] = []): Promise<Daemon> {
  const port = extra.includes("--port") ? [] : ["--port", "0"];
  const child = spawnMaestro(rt, ["run", ...port, "--db", db, ...extra]);
  const io = collect(child);
  let m: RegExpMatchArray;
  try {
    m = await io.waitFor(/dashboard (http:\/\/\S+) · db /);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    url: m[1]!,
    stdout: io.out,
    stderr: io.err,
    async stop() {
      if (alive()) child.kill("SIGTERM");
      return await waitForExit(child);
    },
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await waitForExit(child);
    },
  };
}
