/**
 * MCP (DESIGN.md: mcp/): the tools over the tracker, the daemon's private
 * Streamable HTTP endpoint, and the `maestro mcp` stdio bridge to it.
 *
 * createMcpEndpoint(opts) → { fetch(Request): Promise<Response>, toolCount }:
 * stateless, JSON answers, POST /mcp only; `opts.refuse` turns away requests
 * without the daemon's token. runBridge(opts) relays stdio to that endpoint,
 * following the daemon across restarts (see bridge.ts for what is resent).
 * clientConfig(kind, selfCommand, db) prints a paste-ready client setup.
 */
import type { McpEndpoint, McpEndpointOptions } from "./endpoint.ts";

export type { McpEndpoint, McpEndpointOptions } from "./endpoint.ts";
export { type BridgeOptions, type BridgeTarget, runBridge } from "./bridge.ts";
export { clientConfig, CONFIG_KINDS, type ConfigKind } from "./client-config.ts";
export type { DaemonInfo, ToolDeps } from "./tools.ts";

/** Loaded on demand: the SDK's server and schemas are the daemon's cost, not the bridge's. */
export async function createMcpEndpoint(opts: McpEndpointOptions): Promise<McpEndpoint> {
  return (await import("./endpoint.ts")).createMcpEndpoint(opts);
}
