// Codex readiness: the workflow's codex.command is installed and, in
// app_server mode, answers `initialize` (codex-app-server.md §2). The command
// is started as Maestro starts it (inventory §7.2, §7.3): `sh -lc <command>`,
// in the repository rather than an issue's workspace.
import { codexLaunchArgv } from "../agent/mod.ts";
import type { AgentMode } from "../workflow/mod.ts";
import type { Runtime } from "../runtime/mod.ts";
import { type Check, failed, lastLine, passed } from "./readiness-check.ts";

export interface CodexTarget {
  /** codex.command as written. */
  command: string;
  mode: AgentMode;
  /** How long to wait for the answer (codex.read_timeout_ms). */
  timeoutMs: number;
}

const INSTALL = "install Codex (npm install -g @openai/codex) or set codex.command in WORKFLOW.md";

/** The program a shell command starts: its first word after `VAR=value` assignments, unquoted. */
function programOf(command: string): string {
  const words = command.trim().split(/\s+/);
  const word = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? "";
  return word.replace(/^(['"])(.*)\1$/, "$2");
}

function initializeLine(): string {
  const params = { clientInfo: { name: "maestro", title: "Maestro", version: MAESTRO_VERSION }, capabilities: { experimentalApi: true } };
  return `${JSON.stringify({ method: "initialize", id: 1, params })}\n`;
}

type Answer = { result: Record<string, unknown> } | { error: { message?: unknown } };

/** The response to request 1 among the server's lines (requests and notifications carry a method). */
function findAnswer(stdout: string): Answer | undefined {
  for (const line of stdout.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    try {
      const msg = JSON.parse(line) as Record<string, unknown>;
      if (msg.id !== 1 || "method" in msg) continue;
      if (typeof msg.result === "object" && msg.result !== null) return { result: msg.result as Record<string, unknown> };
      if (typeof msg.error === "object" && msg.error !== null) return { error: msg.error as { message?: unknown } };
    } catch {
      // Not a protocol line (a banner, a log): skip it, as the client does.
    }
  }
  return undefined;
}

/** "0.169.0" from a userAgent like "maestro/0.169.0 (Debian 12; x86_64) ...". */
const versionOf = (result: Record<string, unknown>) =>
  typeof result.userAgent === "string" ? /^[^/\s]+\/(\S+)/.exec(result.userAgent)?.[1] : undefined;

/** One check named "codex": found, and answering initialize within the timeout in app_server mode. */
export async function checkCodex(runtime: Runtime, repo: string, target: CodexTarget): Promise<Check> {
  const { command } = target;
  const program = programOf(command);
  const found = await runtime.runProcess(["sh", "-lc", 'command -v -- "$0"', program], { cwd: repo, timeoutMs: target.timeoutMs });
  if (found.notFound) return failed("codex", "codex: sh not found", "Maestro starts codex.command with sh -lc; put sh on PATH");
  if (found.code !== 0) return failed("codex", `codex: "${command}" cannot start: "${program}" not found`, INSTALL);
  const where = found.stdout.trim();
  if (target.mode !== "app_server") return passed("codex", `codex command found: ${where} (stdio mode)`);

  // Started exactly as the agent client starts it, so verify and a real run cannot disagree.
  const r = await runtime.runProcess(codexLaunchArgv(command), { cwd: repo, input: initializeLine(), timeoutMs: target.timeoutMs });
  const answer = findAnswer(r.stdout);
  if (answer && "result" in answer) {
    const version = versionOf(answer.result);
    return passed("codex", `codex app-server answers initialize: ${command}${version ? ` (version ${version})` : ""}`);
  }
  const check = "check that codex.command starts a Codex app-server; run it by hand to see why";
  if (answer) return failed("codex", `codex: "${command}" refused initialize: ${String(answer.error.message ?? "no message")}`, check);
  if (r.timedOut) return failed("codex", `codex: "${command}" did not answer initialize within ${target.timeoutMs / 1000} s`, check);
  const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
  const why = lastLine(r.stderr);
  return failed("codex", `codex: "${command}" ${how} before answering initialize${why ? `: ${why}` : ""}`, check);
}
