import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

/** Per request: a bridge that stops answering fails the measurement instead of hanging the bench. */
const TIMEOUT = { timeout: 10_000 };

/**
 * Spawns `argv` as a stdio MCP server through the SDK's own client, connects,
 * runs `use`, and always closes it (stdin end, then SIGTERM/SIGKILL by the SDK).
 * A failure carries the server's first stderr line (e.g. "no live daemon").
 */
async function withBridge<T>(argv: string[], env: NodeJS.ProcessEnv, use: (client: Client) => Promise<T>): Promise<T> {
  const transport = new StdioClientTransport({
    command: argv[0]!,
    args: argv.slice(1),
    env: env as Record<string, string>,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk) => (stderr += chunk));
  const client = new Client({ name: "maestro-bench", version: "0" });
  try {
    await client.connect(transport, TIMEOUT);
    return await use(client);
  } catch (err) {
    const line = stderr.trim().split("\n")[0];
    throw new Error(`bridge: ${(err as Error).message}${line ? ` (${line})` : ""}`);
  } finally {
    await client.close();
  }
}

/** list_issues (limit 50) calls per second through the bridge: 20 warm-up calls, then ≥300 sequential calls and ≥2 s. */
export function listIssuesRate(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return withBridge(argv, env, async (client) => {
    const call = async (checkItems = false) => {
      const r = await client.callTool({ name: "list_issues", arguments: { limit: 50 } }, undefined, TIMEOUT);
      const text = (r.content as { text?: string }[] | undefined)?.[0]?.text ?? "";
      if (r.isError) throw new Error(`list_issues answered an error: ${text.slice(0, 200)}`);
      if (checkItems) {
        const body = JSON.parse(text); // ours: {items, …}; Go's: {ok, meta, data: {items, …}}
        const items = (body.data ?? body).items;
        if (items?.length !== 50) throw new Error(`list_issues answered ${items?.length} items, not 50: ${text.slice(0, 200)}`);
      }
    };
    for (let i = 0; i < 20; i++) await call(true); // warm-up, also checking the answers hold 50 issues
    const t = performance.now();
    let n = 0;
    while (n < 300 || performance.now() - t < 2000) {
      await call();
      n++;
    }
    return n / ((performance.now() - t) / 1000);
  });
}

/** ms from spawning the bridge to its first tools/list answer (the initialize handshake included). */
export function mcpStartupMs(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t = performance.now();
  return withBridge(argv, env, async (client) => {
    await client.listTools(undefined, TIMEOUT);
    return performance.now() - t;
  });
}
