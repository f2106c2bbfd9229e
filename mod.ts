/**
 * Maestro's entry: the one file esbuild bundles into dist/maestro.js.
 * It picks the runtime adapter once and hands control to the CLI.
 * No top-level await: scripts/one-file.ts runs every chunk, this one
 * included, as a plain function.
 */
import { main } from "./lib/cli/mod.ts";
import { detectRuntime } from "./lib/runtime/mod.ts";

const runtime = detectRuntime(import.meta.url);
void main(runtime, runtime.args()).then((code) => runtime.exit(code));
