import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { interleaved, timeProcess } from "./measure.ts";
import { sleep } from "../../tests/helpers/wait.ts";

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  project: string;
}


async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${url} never became healthy`);
}

/**
 * Spawns a daemon listening on `port` in its own process group (so `stop` also ends the agents it
 * spawned) and waits until it answers /health; one that never does is stopped.
 */
export async function startDaemon(argv: string[], port: number, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: "ignore", detached: true });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { child, url };
}

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** Starts a daemon (ours or Go's) on a fresh database and seeds one project with `issues` issues over HTTP. */
export async function startSeeded(name: string, argv: string[], port: number, dir: string, issues: number, env: NodeJS.ProcessEnv): Promise<Server> {
  const { child, url } = await startDaemon(argv, port, env);
  try {
    return await seed(name, url, child, dir, issues);
  } catch (err) {
    await stop(child); // a daemon that failed to seed must not outlive the bench
    throw err;
  }
}

async function seed(name: string, url: string, child: ChildProcess, dir: string, issues: number): Promise<Server> {
  const repo = path.join(dir, `repo-${name}`);
  fs.mkdirSync(repo, { recursive: true });
  spawnSync("git", ["init", "-q", repo]);
  const project = await post(`${url}/api/v1/app/projects`, { name: "Bench", description: "", repo_path: repo, workflow_path: "" });
  const projectId: string = project.id ?? project.project?.id;
  for (let i = 0; i < issues; i++) await createIssue(url, projectId, i);
  return { name, url, child, project: projectId };
}

/** One issue created through the daemon's HTTP API (the same body for ours and Go's). */
export function createIssue(url: string, projectId: string, i: number): Promise<unknown> {
  return post(`${url}/api/v1/app/issues`, {
    project_id: projectId,
    title: `Bench issue ${i} with a realistic title`,
    description: "Some description text. ".repeat(6),
    priority: i % 4,
    labels: [`area-${i % 5}`],
  });
}

/** ms until each of `n` sequential creates is acknowledged (its response read), after 20 unmeasured ones. */
export async function timedCreates(url: string, projectId: string, n: number): Promise<number[]> {
  for (let i = 0; i < 20; i++) await createIssue(url, projectId, i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await createIssue(url, projectId, i);
    ms.push(performance.now() - t);
  }
  return ms;
}

/** Ends a daemon's process group (its agents too) and waits for the daemon to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await Promise.race([exited, sleep(10_000)]);
}

/** Requests per second from wrk (1 thread, 16 connections, 5 s), or undefined when wrk is missing. */
export function wrkRps(url: string): number | undefined {
  const r = spawnSync("wrk", ["-t1", "-c16", "-d5s", url], { encoding: "utf8" });
  if (r.error) return undefined;
  const m = r.stdout.match(/Requests\/sec:\s+([\d.]+)/);
  const non2xx = r.stdout.match(/Non-2xx or 3xx responses: (\d+)/);
  if (non2xx) throw new Error(`wrk ${url}: ${non2xx[1]} error responses`);
  return m ? Number(m[1]) : undefined;
}

/** Median ms of a CLI `issue create` beside `node -e 0`, interleaved. */
export function cliCreate(commands: Record<string, string[]>, env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  let i = 0;
  return interleaved(Object.fromEntries(Object.entries(commands).map(([k, argv]) => [k, () => timeProcess(argv.map((a) => a.replace("{n}", String(i++))), env)])), 15);
}
