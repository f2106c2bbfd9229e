/**
 * The only module that knows Node from Deno (DESIGN.md, rule 7).
 *
 * `detectRuntime` is called once by the entry and the result is passed down;
 * nothing else imports `node:*` or touches `Deno`.
 *
 * `Runtime.serve` is HTTP + WebSocket with web-standard Request/Response
 * (node:http + `ws` on Node, Deno.serve + Deno.upgradeWebSocket on Deno);
 * tests/contract/serve.test.ts holds both adapters to one behaviour.
 * `Runtime.postJson` is the CLI's one HTTP request to a live daemon.
 */
import { denoRuntime, type DenoApi } from "./deno.ts";
import { nodeRuntime } from "./node.ts";
import type { Runtime } from "./types.ts";

export type {
  AppendFile,
  ClientInfo,
  FileInfo,
  FileSystem,
  HttpClient,
  HttpReply,
  HttpServer,
  Output,
  ProcessExit,
  Runtime,
  ServeOptions,
  SpawnedProcess,
  SpawnOptions,
  WebSocketConnection,
  WebSocketHandlers,
} from "./types.ts";
export { joinPath, dirName, baseName, resolvePath, isAbsolutePath, relativePath, extName } from "./paths.ts";
export { connectWebSocket, type WebSocketClient, type WebSocketClientHandlers } from "./websocket-client.ts";

/** Picks the adapter for the running runtime. Deno first: it also has Node-style globals. */
export function detectRuntime(moduleUrl: string): Runtime {
  const deno = (globalThis as { Deno?: DenoApi }).Deno;
  return deno ? denoRuntime(deno, moduleUrl) : nodeRuntime(moduleUrl);
}
