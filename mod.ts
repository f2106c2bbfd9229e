/**
 * Maestro's entry: the one file esbuild bundles into dist/maestro.js.
 * It picks the runtime adapter once and hands control to the CLI.
 */
import { main } from "./lib/cli/mod.ts";
import { detectRuntime } from "./lib/runtime/mod.ts";

const runtime = detectRuntime(import.meta.url);
const code = await main(runtime, runtime.args());
runtime.exit(code);
