import { nodeProcess, nodeUrl } from "./builtin.ts";
import { nodeFileSystem } from "./fs.ts";
import { postJsonFetch } from "./http-client.ts";
import { gunzip, homeDir, isProcessAlive, onSignal, output, preferQuickExit, readStdin, stdinChunks } from "./process.ts";
import type { DenoServeApi } from "./serve-deno.ts";
import type { Runtime } from "./types.ts";

/** The slice of the Deno namespace this adapter uses. */
export interface DenoApi extends DenoServeApi {
  version: { deno: string };
  args: string[];
  execPath(): string;
  exit(code: number): never;
  env: { get(name: string): string | undefined };
  stdin: { isTerminal(): boolean };
}

/** The Deno 2 adapter; node:fs and node:process carry what both runtimes share. */
export function denoRuntime(deno: DenoApi, moduleUrl: string): Runtime {
  const process = nodeProcess();
  return {
    name: "deno",
    version: deno.version.deno,
    selfCommand: [deno.execPath(), "run", "-A", nodeUrl().fileURLToPath(moduleUrl)],
    pid: process.pid,
    platform: process.platform,
    fs: nodeFileSystem,
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    args: () => deno.args,
    env: (name) => deno.env.get(name),
    cwd: () => process.cwd(),
    homeDir,
    exit: (code) => deno.exit(code),
    readStdin,
    stdinChunks,
    isStdinTerminal: () => deno.stdin.isTerminal(),
    isProcessAlive,
    gunzip,
    preferQuickExit,
    onSignal,
    // Loaded on first use, as on Node: one-shot commands do not parse the server.
    serve: async (opts) => (await import("./serve-deno.ts")).serveDeno(deno, opts),
    postJson: postJsonFetch,
  };
}
