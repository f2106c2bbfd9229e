/**
 * Malformed MCP tool calls through `maestro mcp --db X` (the stdio bridge to a
 * live daemon), driven by the MCP SDK client: wrong argument types, unknown
 * arguments, missing required ones, unknown ids and tools. Each must come back
 * as a tool error (isError) with a one-line message, or, for a tool that does
 * not exist, a JSON-RPC error; the bridge and the daemon must keep serving.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { baseEnv, bundlePath, caseDir, expect, type FaultCase, http, node, type Outcome, startDaemon } from "./harness.ts";

type Call = [tool: string, args: Record<string, unknown>];

function calls(): Call[] {
  const list: Call[] = [];
  const wrong = [42, true, ["x"], { a: 1 }, null];
  for (const v of wrong) {
    list.push(["create_issue", { project_id: "Demo", title: v }]);
    list.push(["get_issue", { identifier: v }]);
    list.push(["set_issue_state", { identifier: "DEMO-1", state: v }]);
    list.push(["list_issues", { limit: typeof v === "number" ? "ten" : v }]);
  }
  list.push(
    ["create_issue", { project_id: "Demo" }], ["create_issue", { title: "x" }], ["create_issue", {}], ["create_issue", { project_id: "Demo", title: "x", bogus: 1 }],
    ["create_issue", { project_id: "nope", title: "x" }], ["create_issue", { project_id: "Demo", title: "x", priority: -1 }], ["create_issue", { project_id: "Demo", title: "x", priority: 1.5 }],
    ["create_issue", { project_id: "Demo", title: "x", state: "flying" }], ["create_issue", { project_id: "Demo", title: "x", blocked_by: ["NOPE-9"] }],
    ["create_issue", { project_id: "Demo", title: "x", labels: 5 }], ["create_issue", { project_id: "Demo", title: "   " }],
    ["get_issue", {}], ["get_issue", { identifier: "NOPE-9" }], ["get_issue", { identifier: "DEMO-1", extra: true }],
    ["set_issue_state", { identifier: "DEMO-2", state: "in_progress" }], ["set_issue_state", { identifier: "NOPE-9", state: "ready" }], ["set_issue_state", { identifier: "DEMO-1" }],
    ["update_issue", { identifier: "DEMO-1", priority: "high" }], ["update_issue", { identifier: "DEMO-1", created_at: "2020" }], ["update_issue", {}],
    ["delete_issue", { identifier: "NOPE-9" }], ["create_project", { name: "X" }], ["create_project", { name: "X", repo_path: "relative" }],
    ["create_project", { name: 5, repo_path: "/tmp" }], ["update_project", { project_id: "nope", name: "y" }], ["delete_project", { project_id: "nope" }],
    ["create_epic", { project_id: "nope", name: "E" }], ["create_epic", { project_id: "Demo" }], ["list_issues", { limit: 0 }], ["list_issues", { limit: 501 }],
    ["list_issues", { sort: "sideways" }], ["list_issues", { offset: -1 }], ["set_blockers", { identifier: "DEMO-1", blocked_by: ["DEMO-1"] }],
    ["set_blockers", { identifier: "DEMO-1", blocked_by: "DEMO-2" }], ["create_issue_comment", { identifier: "DEMO-1" }], ["create_issue_comment", { identifier: "NOPE-9", body: "x" }],
    ["create_issue_comment", { identifier: "DEMO-1", body: "x", attachment_paths: ["/nonexistent/file.png"] }], ["create_issue_comment", { identifier: "DEMO-1", body: "x", attachment_paths: 5 }], ["update_issue_comment", { identifier: "DEMO-1", comment_id: "cmt_nope", body: "x" }],
    ["list_runtime_events", { since: -1 }], ["list_runtime_events", { limit: "many" }], ["run_project", { project_id: "nope" }], ["retry_issue", { identifier: "NOPE-9" }],
    ["get_issue_execution", { identifier: 7 }], ["set_issue_workflow_phase", { identifier: "DEMO-1", workflow_phase: "dreaming" }], ["board_overview", { project_id: "nope" }],
    ["no_such_tool", {}], ["drop_database", { really: true }],
  );
  return list;
}

export const malformedMcpCase: FaultCase = {
  name: "malformed MCP tool calls",
  async run(): Promise<Outcome> {
    const { db, repo, cleanup } = caseDir("mcp");
    const d = await startDaemon(node, db);
    let client: Client | undefined;
    try {
      await http(`${d.url}/api/v1/app/projects`, "POST", { name: "Demo", repo_path: repo });
      await http(`${d.url}/api/v1/app/issues`, "POST", { project_id: "Demo", title: "First" });
      await http(`${d.url}/api/v1/app/issues`, "POST", { project_id: "Demo", title: "Second", blocked_by: ["DEMO-1"] });
      const transport = new StdioClientTransport({ command: process.execPath, args: [bundlePath, "mcp", "--db", db], env: baseEnv() as Record<string, string>, stderr: "pipe" });
      let stderr = "";
      transport.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
      client = new Client({ name: "maestro-faults", version: "1.0.0" });
      await client.connect(transport);
      const tools = new Set((await client.listTools()).tools.map((t) => t.name));
      const all = calls();
      const unknownTools = all.filter(([t]) => !tools.has(t)).map(([t]) => t);
      const tried = `${all.length} malformed tools/call requests over the stdio bridge (wrong types, unknown and missing arguments, unknown ids; ${new Set(unknownTools).size} unknown tools)`;
      const failures: string[] = [];
      let toolErrors = 0;
      let rpcErrors = 0;
      for (const [tool, args] of all) {
        try {
          const r = (await client.callTool({ name: tool, arguments: args })) as { isError?: boolean; content: { type: string; text: string }[] };
          const text = r.content?.[0]?.text ?? "";
          if (!r.isError) failures.push(`${tool} ${JSON.stringify(args).slice(0, 60)} succeeded: ${text.slice(0, 100)}`);
          else if (text === "" || text.includes("\n") || /\n\s+at /.test(text)) failures.push(`${tool}: unclear error ${JSON.stringify(text.slice(0, 200))}`);
          else toolErrors++;
        } catch (err) {
          // A JSON-RPC error is the protocol's answer for a tool that does not exist; for a real tool it is a crash of the call.
          if (!tools.has(tool) && /no_such_tool|drop_database|not found|unknown/i.test((err as Error).message)) rpcErrors++;
          else failures.push(`${tool} ${JSON.stringify(args).slice(0, 60)} threw ${(err as Error).message.slice(0, 160)}`);
        }
      }
      const alive = (await client.callTool({ name: "get_issue", arguments: { identifier: "DEMO-1" } })) as { isError?: boolean };
      const health = await http(`${d.url}/health`);
      expect(failures.length === 0, tried, `${failures.length} not answered with a one-line tool error: ${failures.slice(0, 6).join(" | ")}`);
      expect(!alive.isError && health.status === 200, tried, `after the calls get_issue isError=${alive.isError}, /health ${health.status}; bridge stderr: ${stderr.slice(0, 200)}`);
      return { tried, found: `${toolErrors} answered with a one-line isError result, ${rpcErrors} unknown-tool calls with a JSON-RPC error, none crashed; the bridge still answered get_issue and /health was 200` };
    } finally {
      await client?.close().catch(() => {});
      await d.stop();
      cleanup();
    }
  },
};
