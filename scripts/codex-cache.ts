/**
 * Installs the pinned Codex CLI (@openai/codex, with its platform binary)
 * into .cache/codex for the real-Codex tests (tests/codex/), unless that
 * version is already there. Needs the npm registry only when installing.
 *
 *   node scripts/run-ts.mjs scripts/codex-cache.ts    # exit 0 when ready, 1 with the reason
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The Codex version every real-Codex test runs (codex-app-server.md was verified on it). */
export const CODEX_VERSION = "0.169.0";
export const CODEX_CACHE = path.resolve(".cache", "codex");
/** The npm package's launcher; `node CODEX_JS app-server` runs the native binary. */
export const CODEX_JS = path.join(CODEX_CACHE, "node_modules", "@openai", "codex", "bin", "codex.js");

/** The installed version answers `--version` with the pinned number. */
function installed(): boolean {
  if (!fs.existsSync(CODEX_JS)) return false;
  const r = spawnSync(process.execPath, [CODEX_JS, "--version"], { encoding: "utf8", timeout: 30_000 });
  return r.status === 0 && r.stdout.trim() === `codex-cli ${CODEX_VERSION}`;
}

/** Installs when needed; returns an error line, or undefined when Codex is ready. */
export function ensureCodex(log: (line: string) => void = (l) => console.error(l)): string | undefined {
  if (installed()) return undefined;
  log(`installing @openai/codex@${CODEX_VERSION} into ${path.relative(process.cwd(), CODEX_CACHE)}`);
  fs.rmSync(CODEX_CACHE, { recursive: true, force: true });
  fs.mkdirSync(CODEX_CACHE, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["install", "--prefix", CODEX_CACHE, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `@openai/codex@${CODEX_VERSION}`], {
    encoding: "utf8", timeout: 600_000,
  });
  if (r.status !== 0) {
    const why = (r.error?.message ?? `${r.stderr}${r.stdout}`).trim().split("\n").slice(0, 3).join(" / ");
    return `could not install @openai/codex@${CODEX_VERSION} (npm exit ${r.status ?? r.signal}): ${why}`;
  }
  return installed() ? undefined : `@openai/codex@${CODEX_VERSION} installed but \`codex --version\` does not answer codex-cli ${CODEX_VERSION}`;
}

if (/codex-cache\.m?[jt]s$/.test(process.argv[1] ?? "")) {
  const error = ensureCodex();
  if (error) {
    console.error(`codex-cache: ${error}`);
    process.exit(1);
  }
  console.error(`codex-cache: codex ${CODEX_VERSION} ready in ${path.relative(process.cwd(), CODEX_CACHE)}`);
}
