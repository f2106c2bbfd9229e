// `maestro mcp --config codex|claude|json`: a configuration to paste into an
// MCP client, running this very file with the runtime that runs it now.

export const CONFIG_KINDS = ["codex", "claude", "json"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** POSIX shell quoting, for the `claude mcp add` command line. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A TOML basic string: JSON's escapes are all valid TOML. */
const tomlString = (text: string): string => JSON.stringify(text);

/**
 * The configuration text for `kind`. `selfCommand` is how this file is run
 * (`[node, /abs/maestro.js]` or `[deno, run, -A, /abs/maestro.js]`).
 */
export function clientConfig(kind: ConfigKind, selfCommand: readonly string[], dbPath: string): string {
  const [command, ...rest] = selfCommand;
  const args = [...rest, "mcp", "--db", dbPath];
  switch (kind) {
    case "codex":
      return [
        "# ~/.codex/config.toml",
        "[mcp_servers.maestro]",
        `command = ${tomlString(command!)}`,
        `args = [${args.map(tomlString).join(", ")}]`,
        "",
      ].join("\n");
    case "claude":
      return `claude mcp add --scope user maestro -- ${[command!, ...args].map(shellQuote).join(" ")}\n`;
    case "json":
      return `${JSON.stringify({ mcpServers: { maestro: { command, args } } }, null, 2)}\n`;
  }
}
