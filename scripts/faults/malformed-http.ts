/**
 * Malformed HTTP input against a live daemon: the shared bad-input table of
 * tests/http/bad-input-cases.ts (bodies, types, unknown fields, ids, routes,
 * queries, Host/Origin, multipart) plus wrong-typed and huge values for every
 * create_issue field and bad headers. Each must get its 4xx JSON error with
 * a one-line message, never a 500, and the daemon must stay healthy.
 */
import * as fs from "node:fs";
import { type Case, type CaseWorld, cases as shared, I, optsOf, raw } from "../../tests/http/bad-input-cases.ts";
import type { Reply } from "../../tests/http/fixture.ts";
import { sendCase } from "../../tests/http/wire.ts";
import { caseDir, expect, type FaultCase, http, node, type Outcome, startDaemon } from "./harness.ts";

const BAD_VALUES: [string, unknown][] = [["a number", 42], ["an object", { a: 1 }], ["a list", [1, 2]], ["true", true], ["65,536 characters", "x".repeat(65_536)]];
const FIELDS = ["title", "project_id", "description", "epic_id", "issue_type", "cron", "enabled", "priority", "labels", "state", "blocked_by", "branch_name", "pr_url", "agent_name", "agent_prompt", "permission_profile"];

/** Which values are wrong for which field (a string is right for most, a boolean for enabled, ...). */
function isWrong(field: string, value: unknown): boolean {
  // A long title or label list is accepted (there is no length cap below the 1 MiB body limit): not malformed.
  if (typeof value === "string") return field === "enabled" || field === "priority" || field === "blocked_by" || ["issue_type", "state", "permission_profile", "cron", "project_id", "epic_id"].includes(field);
  if (typeof value === "boolean") return field !== "enabled";
  if (typeof value === "number") return field !== "priority";
  if (Array.isArray(value)) return field !== "labels" && field !== "blocked_by";
  return true;
}

/** Generated cases: each create_issue field given each wrong kind of value, and bad headers. */
function generated(): Case[] {
  const out: Case[] = [];
  for (const field of FIELDS) {
    for (const [what, value] of BAD_VALUES) {
      if (!isWrong(field, value)) continue;
      out.push({ name: `${field} as ${what}`, method: "POST", path: I, opts: { json: { project_id: "Demo", title: "x", [field]: value } }, status: 0, code: "" });
    }
  }
  for (const [name, headers] of [
    ["Content-Type with a bogus charset", { "content-type": "application/json; charset=klingon" }],
    ["Content-Type garbage", { "content-type": ";;;" }],
    ["Origin null", { origin: "null" }],
    ["Origin not a URL", { origin: "::::" }],
    ["Authorization garbage", { authorization: "Bearer" }],
    ["Accept nonsense", { accept: "x/y;q=abc" }],
    ["a 16 KiB header", { "x-filler": "y".repeat(16_384) }],
  ] as [string, Record<string, string>][]) {
    out.push({ name, method: "POST", path: I, opts: { body: `{"project_id":"Demo","title":`, headers: { "content-type": "application/json", ...headers } }, status: 0, code: "" });
  }
  for (const body of ["", "{", "}", "[]", "{}", "\u0000", "{\"title\":\"\\ud800\"}", `{"project_id":"Demo","title":"x","title":"y","x":1}`]) {
    out.push({ name: `body ${JSON.stringify(body).slice(0, 30)}`, method: "POST", path: I, opts: raw(body), status: 0, code: "" });
  }
  for (const p of [`${I}/DEMO-1/state`, `${I}/DEMO-1/blockers`, `${I}/DEMO-1/comments`, "/api/v1/app/projects", "/api/v1/app/epics"]) {
    out.push({ name: `${p} with a string body`, method: "POST", path: p, opts: raw(`"x"`), status: 0, code: "" });
    out.push({ name: `${p} with unknown fields`, method: "POST", path: p, opts: { json: { zzz: 1 } }, status: 0, code: "" });
  }
  return out;
}

/** Why a reply is not a clear refusal, or undefined when it is. */
function problem(c: Case, r: Reply): string | undefined {
  if (r.status === 500 || r.status >= 500) return `${r.status}`;
  if (r.status < 400 || r.status >= 500) return `status ${r.status}`;
  if (c.status && r.status !== c.status) return `status ${r.status}, expected ${c.status}`;
  const type = r.headers.get("content-type") ?? "";
  if (!/^application\/json/.test(type)) return `${r.status} with content-type "${type}" and body "${r.text.slice(0, 80)}", not a JSON error`;
  const e = r.body?.error;
  if (typeof e?.message !== "string" || e.message === "" || e.message.includes("\n")) return "no one-line error message";
  if (c.code && e.code !== c.code) return `code ${e.code}, expected ${c.code}`;
  if (c.message && !c.message.test(e.message)) return `message "${e.message}" does not match ${c.message}`;
  return undefined;
}

export const malformedHttpCase: FaultCase = {
  name: "malformed HTTP input",
  async run(): Promise<Outcome> {
    const { db, repo, cleanup } = caseDir("http");
    const d = await startDaemon(node, db);
    try {
      const origin = d.url;
      const post = async (p: string, json: unknown) => {
        const r = await http(`${origin}${p}`, "POST", json);
        if (r.status !== 201 && r.status !== 200) throw new Error(`seeding ${p}: ${r.status} ${r.text.slice(0, 200)}`);
        return r.body;
      };
      // The world tests/e2e/daemon-bad-input.test.ts seeds: project Demo, DEMO-2 blocked by DEMO-1, a comment and its reply.
      const project = await post("/api/v1/app/projects", { name: "Demo", repo_path: repo });
      await post(I, { project_id: "Demo", title: "First" });
      await post(I, { project_id: "Demo", title: "Second", blocked_by: ["DEMO-1"] });
      const root = await post(`${I}/DEMO-1/comments`, { body: "root" });
      const reply = await post(`${I}/DEMO-1/comments`, { body: "reply", parent_comment_id: root.id });
      const discovery = JSON.parse(fs.readFileSync(`${db}.daemon.json`, "utf8")) as { token: string };
      const world: CaseWorld = { opsToken: discovery.token, host: new URL(origin).host, repoOf: () => project.repo_path, firstReplyId: () => reply.id };
      const all = [...shared, ...generated()];
      const tried = `${all.length} malformed requests over real sockets (${shared.length} from tests/http/bad-input-cases.ts, ${all.length - shared.length} generated: every create_issue field with wrong-typed and 64 KiB values, broken bodies, bad headers)`;
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const c of all) {
        let r: Reply;
        try {
          r = await sendCase(origin, c, optsOf(c, world));
        } catch (err) {
          failures.push(`${c.name}: ${(err as Error).message}`);
          continue;
        }
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        const p = problem(c, r);
        if (p) failures.push(`${c.method} ${c.name}: ${p} (${r.text.slice(0, 120)})`);
      }
      const health = await http(`${origin}/health`);
      const count = (await http(`${origin}${I}?limit=10`)).body?.items?.length;
      expect(failures.length === 0, tried, `${failures.length} not answered with a clear 4xx JSON error: ${failures.slice(0, 6).join(" | ")}`);
      expect(health.status === 200, tried, `/health answered ${health.status} afterwards`);
      expect(count === 2, tried, `the refused requests changed the tracker: ${count} issues`);
      expect(!/internal|stack|\n\s+at /i.test(d.stderr()), tried, `the daemon's stderr: ${d.stderr().slice(0, 300)}`);
      const spread = [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n}×${s}`).join(", ");
      return { tried, found: `all ${all.length} refused with a one-line JSON error (${spread}), no 500, /health 200 after, still 2 issues` };
    } finally {
      await d.stop();
      cleanup();
    }
  },
};
