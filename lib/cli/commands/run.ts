import { invalidInput } from "../../errors.ts";
import { runDaemon } from "../../daemon/mod.ts";
import { resolvePath } from "../../runtime/mod.ts";
import type { Runtime } from "../../runtime/mod.ts";
import type { CommandSpec } from "../command.ts";

/** A fresh folder under the temp dir for a demo without --db: every demo starts clean. */
function demoDatabase(runtime: Runtime): string {
  const tmp = (runtime.env("TMPDIR") || "/tmp").replace(/\/+$/, "");
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, "0")).join("");
  const dir = `${tmp}/maestro-demo-${suffix}`;
  runtime.fs.mkdirp(dir);
  return `${dir}/maestro.db`;
}

/** `maestro run [repo_path]`: the daemon (inventory §1.2), loopback-only unless told otherwise. */
export const runCommand: CommandSpec = {
  name: "run",
  summary: "Start the daemon: the HTTP API, dashboard and WebSocket stream for one database",
  details: [
    "Listens on 127.0.0.1:8787 by default. While it runs, every other maestro command",
    "for the same --db goes through it. Binding an address other than loopback needs",
    "a token (--token, or one is generated and printed once). Stop it with Ctrl-C or SIGTERM.",
  ].join("\n"),
  longRunning: true,
  args: [{ name: "repo_path", description: "scope the daemon to one repository (optional)" }],
  flags: [
    { name: "port", type: "int", value: "N", description: "TCP port; 0 picks a free one", defaultText: "8787" },
    { name: "host", type: "string", value: "ADDR", description: "address to bind", defaultText: "127.0.0.1" },
    { name: "token", type: "string", value: "TOKEN", description: "API token required when binding beyond loopback" },
    { name: "workflow", type: "string", value: "PATH", description: "use this WORKFLOW.md for every project", defaultText: "each project's own" },
    { name: "max-agents", type: "int", value: "N", description: "agents running at once across all projects", defaultText: "16" },
    { name: "demo", type: "boolean", description: "seed a demo repository and project worked by a built-in fake agent (a new temp folder unless --db)" },
  ],
  async run(ctx) {
    const port = typeof ctx.flags.port === "number" ? ctx.flags.port : 8787;
    if (port < 0 || port > 65535) throw invalidInput(`Invalid --port: expected 0-65535, got ${port}`);
    const host = typeof ctx.flags.host === "string" ? ctx.flags.host.trim() : "127.0.0.1";
    if (host === "") throw invalidInput("Invalid --host: empty address", "pass --host 127.0.0.1");
    const token = typeof ctx.flags.token === "string" ? ctx.flags.token : undefined;
    if (token !== undefined && token.length < 16) throw invalidInput("Invalid --token: use at least 16 characters");
    const repoPath = typeof ctx.args.repo_path === "string" ? ctx.args.repo_path : undefined;
    const workflow = typeof ctx.flags.workflow === "string" ? resolvePath(ctx.runtime.cwd(), ctx.flags.workflow) : undefined;
    const maxAgents = typeof ctx.flags["max-agents"] === "number" ? ctx.flags["max-agents"] : undefined;
    if (maxAgents !== undefined && (maxAgents < 1 || maxAgents > 256)) throw invalidInput(`Invalid --max-agents: expected 1-256, got ${maxAgents}`);
    const demo = ctx.flags.demo === true;
    const db = ctx.global.db ?? (demo ? demoDatabase(ctx.runtime) : undefined);
    return await runDaemon(ctx.runtime, { db, host, port, token, repoPath, workflow, maxAgents, demo });
  },
};
