import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { baseEnv, cliCommand, repoRoot, type RuntimeUnderTest } from "./bundle.ts";

/** Path of a bundled fixture program (tests/fixtures/NAME.ts). */
export const fixturePath = (name: string) => path.join(repoRoot, ".test-fixtures", `${name}.mjs`);

/** Starts a fixture under a runtime, with stdout split into lines for `waitForLine`. */
export function startFixture(rt: RuntimeUnderTest, name: string, args: string[]): ChildProcess & { lines: string[] } {
  const [cmd, ...pre] = rt.command(fixturePath(name));
  const child = spawn(cmd!, [...pre, ...args], { cwd: repoRoot, env: baseEnv(), stdio: ["ignore", "pipe", "pipe"] }) as ChildProcess & {
    lines: string[];
  };
  child.lines = [];
  let buf = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      child.lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
    child.emit("lines");
  });
  return child;
}

/** Resolves when a line matching `re` has been printed (or rejects when the process exits first). */
export function waitForLine(child: ChildProcess & { lines: string[] }, re: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = child.lines.find((l) => re.test(l));
      if (hit !== undefined) {
        cleanup();
        resolve(hit);
      }
    };
    const onExit = () => {
      check();
      cleanup();
      reject(new Error(`process exited before printing ${re}; stdout tail: ${child.lines.slice(-3).join(" | ")}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${re}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off("lines", check);
      child.off("exit", onExit);
    };
    child.on("lines", check);
    child.on("exit", onExit);
    check();
  });
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}

/** True while `pid` runs; a zombie nobody reaps counts as gone (a container's pid 1 may not reap orphans). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return !/^\d+ \(.*\) Z/.test(stat);
}

/** Makes `repo` a git repository on branch main with one commit (a README), as a project's repository. */
export function initGitRepo(repo: string): void {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
  fs.mkdirSync(repo, { recursive: true });
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(repo, "README.md"), "demo\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
}

/** Shell text, run by a fake agent in its worktree: commits a file and moves the issue to done through the CLI. */
export const commitAndFinish = `printf 'work of %s\\n' "$MAESTRO_ISSUE_IDENTIFIER" > work.txt && git add work.txt && ` +
  `git -c user.name=fake -c user.email=f@x commit -qm work && ${cliCommand} issue move "$MAESTRO_ISSUE_IDENTIFIER" done --db "$MAESTRO_DB" >/dev/null`;
