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

/**
 * Gives Go's database `issues` issues in one project, fast: its CLI creates (and migrates) the
 * database, the project and one issue; the sqlite3 CLI copies that row `issues - 1` times (new
 * id, identifier, title, a label, the states spread as the in-process store worker spreads them)
 * and moves the identifier counter past them, so Go's next create does not collide.
 * Returns the project id.
 */
export function seedGoDb(bin: string, db: string, repo: string, issues: number, env: NodeJS.ProcessEnv): string {
  const run = (argv: string[], input?: string) => {
    const r = spawnSync(argv[0]!, argv.slice(1), { env, input, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${argv.slice(0, 4).join(" ")} …: ${(r.stderr || r.stdout).trim()}`);
    return r.stdout.trim();
  };
  fs.mkdirSync(repo, { recursive: true });
  const project = run([bin, "--db", db, "project", "create", "Bench", "--repo", repo, "--quiet"]);
  const description = "A description of realistic length. ".repeat(8);
  const first = run([bin, "--db", db, "issue", "create", "Seeded issue 0", "--project", project, "--desc", description, "--labels", "area-0", "--quiet"]);
  const prefix = first.slice(0, first.lastIndexOf("-"));
  const columns = run(["sqlite3", db, "SELECT group_concat(name, ',') FROM pragma_table_info('issues')"]).split(",");
  const copied = (name: string) =>
    ({
      id: "printf('iss_bench%011d', k)",
      identifier: `'${prefix}-' || k`,
      title: "'Seeded issue ' || k || ' with a title of a realistic length for a tracker'",
      state: "CASE k % 6 WHEN 1 THEN 'ready' WHEN 3 THEN 'in_review' WHEN 4 THEN 'done' WHEN 5 THEN 'cancelled' ELSE 'backlog' END",
      priority: "k % 5",
    })[name] ?? name;
  run(["sqlite3", db], `
BEGIN;
CREATE TEMP TABLE seq AS WITH RECURSIVE s(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM s WHERE k < ${issues}) SELECT k FROM s;
INSERT INTO issues (${columns.join(",")}) SELECT ${columns.map(copied).join(",")} FROM seq, issues WHERE issues.identifier = '${first}';
INSERT INTO issue_labels (issue_id, label) SELECT printf('iss_bench%011d', k), 'area-' || (k % 5) FROM seq;
UPDATE counters SET value = ${issues} WHERE name = '${prefix}';
COMMIT;
`);
  const count = run(["sqlite3", db, `SELECT count(*) || ' ' || (SELECT value FROM counters WHERE name = '${prefix}') FROM issues`]);
  if (count !== `${issues} ${issues}`) throw new Error(`Go seed: expected ${issues} issues and counter, found ${count}`);
  return project;
}
