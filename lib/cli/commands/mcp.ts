import { invalidInput } from "../../errors.ts";
import { findDaemon } from "../../daemon/mod.ts";
import type { BridgeTarget, ConfigKind } from "../../mcp/mod.ts";
import { resolveDbPath } from "../../store/mod.ts";
import type { CommandSpec } from "../command.ts";
import { EXIT_NO_DAEMON } from "../exit-code.ts";

/** `maestro mcp`: the stdio MCP server clients start; it bridges to the live daemon (inventory §1.3, §2.5). */
export const mcpCommand: CommandSpec = {
  name: "mcp",
  summary: "Serve MCP on stdio for Codex, Claude Code or any MCP client, through the live daemon",
  details: [
    "Starts no daemon: it attaches to the `maestro run` serving the same --db and relays",
    "JSON-RPC between stdio and the daemon's private endpoint. If the daemon restarts, it",
    "reconnects within 5 s. --config prints a client configuration that runs this file.",
  ].join("\n"),
  longRunning: true,
  flags: [
    { name: "config", type: "string", value: "KIND", description: "print a client configuration: codex, claude or json" },
  ],
  async run(ctx) {
    const { runtime } = ctx;
    // Loaded here: the bridge is no cost of the other commands.
    const { clientConfig, CONFIG_KINDS, runBridge } = await import("../../mcp/mod.ts");
    const dbPath = resolveDbPath(runtime, ctx.global.db);
    const kind = ctx.flags.config;
    if (kind !== undefined) {
      if (!CONFIG_KINDS.includes(kind as ConfigKind)) {
        throw invalidInput(`Invalid --config: expected one of ${CONFIG_KINDS.join(", ")}, got "${String(kind)}"`);
      }
      runtime.stdout.write(clientConfig(kind as ConfigKind, runtime.selfCommand, dbPath));
      return 0;
    }
    const discover = (): BridgeTarget | undefined => {
      const d = findDaemon(runtime, dbPath);
      return d?.mcp_url && d.mcp_token ? { url: d.mcp_url, token: d.mcp_token, pid: d.pid } : undefined;
    };
    if (!discover()) {
      const live = findDaemon(runtime, dbPath);
      runtime.stderr.write(
        live
          ? `maestro: the daemon for ${dbPath} (pid ${live.pid}, version ${live.version || "unknown"}) has no MCP endpoint; restart it with this version: maestro run --db ${dbPath}\n`
          : `maestro: no live Maestro daemon for ${dbPath}; start it with: maestro run --db ${dbPath}\n`,
      );
      return EXIT_NO_DAEMON;
    }
    return await runBridge({ runtime, dbPath, discover });
  },
};
