import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { repoRoot } from "../helpers/bundle.ts";

// DESIGN.md's module table, as code: which modules each module may import (besides errors.ts).
// Type-only imports of runtime/ are allowed everywhere: they are erased and carry no runtime knowledge.
// The CLI reads the orchestrator's answers (orchestrator/wire.ts) through type-only imports too:
// one definition of each shape, and no code of the orchestrator in the CLI's path.
const ALLOWED: Record<string, string[]> = {
  runtime: [],
  store: ["runtime"],
  tracker: ["store"],
  workflow: [],
  agent: ["runtime"],
  workspace: ["runtime"],
  events: ["store"],
  orchestrator: ["tracker", "workflow", "agent", "workspace", "events"],
  http: ["tracker", "orchestrator", "events", "runtime"],
  mcp: ["tracker", "orchestrator"],
  daemon: ["runtime", "store", "tracker", "workflow", "agent", "workspace", "orchestrator", "events", "http", "mcp"],
  cli: ["runtime", "store", "tracker", "workflow", "agent", "daemon", "mcp"],
};

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const lib = path.join(repoRoot, "lib");
const files = sources(lib);
const imports: Import[] = files.flatMap((file) => {
  const text = fs.readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
    found.push({ file, spec: m[3]!, typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) found.push({ file, spec: m[1]!, typeOnly: false });
  return found;
});
const moduleOf = (file: string) => path.relative(lib, file).split(path.sep)[0]!;
const rel = (file: string) => path.relative(repoRoot, file);

test("only lib/runtime imports node: built-ins or touches Deno", () => {
  const offenders = imports.filter((i) => i.spec.startsWith("node:") && moduleOf(i.file) !== "runtime").map((i) => `${rel(i.file)}: ${i.spec}`);
  for (const file of files) {
    if (moduleOf(file) !== "runtime" && /\bDeno\./.test(fs.readFileSync(file, "utf8"))) offenders.push(`${rel(file)}: Deno.`);
  }
  assert.equal(offenders, []);
});

test("modules import each other only through mod.ts, along DESIGN.md's arrows", () => {
  const offenders: string[] = [];
  for (const i of imports) {
    if (!i.spec.startsWith(".")) continue;
    const target = path.resolve(path.dirname(i.file), i.spec);
    if (!target.startsWith(lib)) continue;
    const from = moduleOf(i.file);
    const to = path.relative(lib, target).split(path.sep);
    if (to.length === 1) {
      if (to[0] !== "errors.ts") offenders.push(`${rel(i.file)} imports ${i.spec}: only errors.ts sits at lib/ top level`);
      continue;
    }
    if (to[0] === from) continue;
    if (to.slice(1).join("/") !== "mod.ts") offenders.push(`${rel(i.file)} imports ${i.spec}: import ${to[0]}/mod.ts instead`);
    const allowed = ALLOWED[from] ?? [];
    const typeOnlyOk = i.typeOnly && (to[0] === "runtime" || (from === "cli" && to[0] === "orchestrator"));
    if (!allowed.includes(to[0]!) && !typeOnlyOk) {
      offenders.push(`${rel(i.file)} imports ${to[0]}/: ${from}/ may import ${allowed.join(", ") || "nothing of ours"}`);
    }
  }
  assert.equal(offenders, []);
});

test("every module under lib/ has a mod.ts", () => {
  const dirs = fs.readdirSync(lib, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.equal(dirs.filter((d) => !fs.existsSync(path.join(lib, d, "mod.ts"))), []);
});

test("file names are kebab-case", () => {
  const bad = files.map((f) => path.basename(f)).filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(n));
  assert.equal(bad, []);
});

test.run();
