import { nodeProcess, nodeUrl } from "./builtin.ts";
import { nodeFileSystem } from "./fs.ts";
import { createNodeHttpClient, postJsonNode } from "./http-client.ts";
import { exitWhenFlushed, gunzip, homeDir, isProcessAlive, killProcessGroup, onSignal, output, preferQuickExit, readStdin, stdinChunks } from "./process.ts";
import { runProcess } from "./run-process.ts";
import { spawnProcess } from "./spawn-process.ts";
import type { Runtime } from "./types.ts";

/** The Node.js adapter. */
export function nodeRuntime(moduleUrl: string): Runtime {
  const process = nodeProcess();
  return {
    name: "node",
    version: process.versions.node,
    selfCommand: [process.execPath, nodeUrl().fileURLToPath(moduleUrl)],
    pid: process.pid,
    platform: process.platform,
    fs: nodeFileSystem,
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    args: () => process.argv.slice(2),
    env: (name) => process.env[name],
    cwd: () => process.cwd(),
    homeDir,
    exit: exitWhenFlushed,
    readStdin,
    stdinChunks,
    isStdinTerminal: () => Boolean(process.stdin.isTTY),
    isProcessAlive,
    killProcessGroup,
    gunzip,
    preferQuickExit,
    onSignal,
    // Loaded on first use: node-request.ts extends the global Request, and touching it makes
    // Node 20 load undici (~20 ms) in every command, not only in the daemon.
    serve: async (opts) => (await import("./serve-node.ts")).serveNode(opts),
    postJson: postJsonNode,
    httpClient: () => createNodeHttpClient(),
    runProcess,
    spawnProcess,
  };
}
