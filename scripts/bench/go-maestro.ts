import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const GO_PACKAGE = "@olhapi/maestro@0.1.14";

/**
 * Installs the Go implementation from npm into a cache folder (once) and
 * returns its native binary, or the reason it is unavailable.
 */
export function installGoMaestro(cacheDir: string): { bin?: string; reason?: string } {
  const prefix = path.join(cacheDir, "go-maestro-0.1.14");
  const find = () => {
    const dir = path.join(prefix, "node_modules", "@olhapi");
    if (!fs.existsSync(dir)) return undefined;
    for (const pkg of fs.readdirSync(dir)) {
      const bin = path.join(dir, pkg, "lib", "maestro");
      if (pkg !== "maestro" && fs.existsSync(bin)) return bin;
    }
    return undefined;
  };
  let bin = find();
  if (!bin) {
    fs.mkdirSync(prefix, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", GO_PACKAGE], { encoding: "utf8" });
    if (r.status !== 0) return { reason: `npm install ${GO_PACKAGE} failed: ${(r.stderr || "").trim().split("\n").pop()}` };
    bin = find();
  }
  if (!bin) return { reason: `${GO_PACKAGE} has no binary for ${process.platform}-${process.arch}` };
  const v = spawnSync(bin, ["version"], { encoding: "utf8" });
  return v.status === 0 ? { bin } : { reason: `${bin} does not run: ${v.stderr.trim()}` };
}
