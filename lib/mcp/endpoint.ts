// The daemon's private MCP endpoint: Streamable HTTP at /mcp, stateless. A
// stateless server keeps no session a daemon restart could lose, so the stdio
// bridge reconnects by finding the new address and sending the next request:
// nothing to re-initialise.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import { callTool, createTools, type ToolDeps } from "./tools.ts";

export interface McpEndpointOptions extends ToolDeps {
  /** Answers a request that may not pass (no or wrong bearer token), or undefined to let it through. */
  refuse(req: Request): Response | undefined;
  /** Hears errors that are bugs, not bad input (logged by the daemon). */
  onBug?: (err: unknown) => void;
}

export interface McpEndpoint {
  fetch(req: Request): Promise<Response>;
  /** How many tools tools/list shows. */
  toolCount: number;
}

const INSTRUCTIONS = "Maestro tracks projects, epics and issues for agent-driven work. " +
  "Issues are referred to by identifier (e.g. DEMO-3). List tools paginate: follow pagination.next_request.";

/**
 * The SDK validates JSON Schemas only for elicitation, which this server never
 * starts; its default builds a new Ajv instance for every Server, ~1 ms of each
 * stateless request.
 */
const noElicitation: jsonSchemaValidator = {
  getValidator() {
    throw new Error("Maestro's MCP server does not elicit input");
  },
};

function jsonError(status: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message } }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

export function createMcpEndpoint(opts: McpEndpointOptions): McpEndpoint {
  const set = createTools(opts);
  const listing = { tools: [...set.tools.values()].map((t) => t.listing) };
  const onBug = opts.onBug ?? ((err: unknown) => console.error("maestro: MCP tool failed:", err));

  return {
    toolCount: set.tools.size,
    async fetch(req) {
      const refused = opts.refuse(req);
      if (refused) return refused;
      if (new URL(req.url).pathname !== "/mcp") return jsonError(404, "Not found: the MCP endpoint is /mcp");
      // A browser page could reach loopback; MCP clients never send Origin.
      // Stateless and JSON answers only: no server-initiated stream to GET, no session to DELETE.
      if (req.method !== "POST") {
        const res = jsonError(405, `Method ${req.method} not allowed: send JSON-RPC with POST`);
        res.headers.set("allow", "POST");
        return res;
      }
      if (req.headers.has("origin")) return jsonError(403, "Refused a request with an Origin header: this endpoint is for MCP clients");
      const server = new Server(
        { name: "maestro", version: opts.info.version },
        { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS, jsonSchemaValidator: noElicitation },
      );
      server.setRequestHandler(ListToolsRequestSchema, () => listing);
      server.setRequestHandler(CallToolRequestSchema, (r) => callTool(set, r.params.name, r.params.arguments, onBug));
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await server.connect(transport);
      try {
        return await transport.handleRequest(req);
      } finally {
        void server.close();
      }
    },
  };
}
