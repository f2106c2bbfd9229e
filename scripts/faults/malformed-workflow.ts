/**
 * Malformed WORKFLOW.md, checked with `maestro verify <repo> --json`: bad
 * YAML, wrong types, out-of-range values, unknown keys, broken front matter
 * and templates. Each must fail the workflow check (or, for an unknown key,
 * warn) with a one-line message naming the problem; never a crash.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, type FaultCase, gitRepo, type Outcome, tempDir } from "./harness.ts";
import { pool, runAsync } from "./malformed-cli.ts";

const fm = (yaml: string, body = "Work on {{ issue.identifier }}.\n") => `---\n${yaml}\n---\n${body}`;

/** [what, file text, must name]: the message must contain the last element. */
function variants(): [string, string, string][] {
  const list: [string, string, string][] = [
    ["unclosed flow sequence", fm("codex:\n  command: [a, b"), ""],
    ["tab indentation", fm("codex:\n\tcommand: x"), ""],
    ["duplicate key", fm("agent:\n  max_turns: 1\n  max_turns: 2"), ""],
    ["front matter not a mapping", fm("- a\n- b"), ""],
    ["front matter a scalar", fm("just text"), ""],
    ["unterminated front matter", "---\ncodex:\n  command: x\nWork\n", ""],
    ["binary garbage", "---\n\u0000\u0001\u0002: [\n---\n", ""],
    ["a self-referencing anchor under an unknown key", fm("a: &a [*a]"), "unknown key"],
    ["bad template syntax", fm("agent:\n  max_turns: 1", "{{ issue.identifier \n"), ""],
    ["template calling a missing function", fm("agent:\n  max_turns: 1", "{{ it.nope() }}\n"), ""],
  ];
  const typed: [string, unknown[]][] = [
    ["agent.max_turns", ['"x"', "0", "-1", "1.5", "[1]", "{a: 1}", "99999999999999999999"]],
    ["agent.max_concurrent_agents", ['"many"', "-3", "true"]],
    ["agent.max_retry_backoff_ms", ['"soon"', "-1", "[]"]],
    ["codex.command", ["5", "[]", "{a: 1}", '""']],
    ["codex.approval_policy", ['"sometimes"', "7"]],
    ["codex.read_timeout_ms", ['"slow"', "-5"]],
    ["codex.stall_timeout_ms", ['"x"', "-1"]],
    ["workspace.root", ["5", "[]"]],
    ["phases.review.enabled", ['"maybe"', "2"]],
    ["polling.interval_ms", ['"x"', "0"]],
    ["hooks.timeout_ms", ['"x"', "-1"]],
  ];
  for (const [key, values] of typed) {
    const [head, ...rest] = key.split(".");
    for (const v of values) {
      const yaml = `${head}:\n${rest.map((k, i) => `${"  ".repeat(i + 1)}${k}:`).join("\n")} ${v}`;
      list.push([`${key}: ${v}`, fm(yaml), key]);
    }
  }
  for (const [where, yaml, key] of [
    ["top level", "codxe:\n  command: x", "codxe"],
    ["under agent", "agent:\n  max_turn: 1", "max_turn"],
    ["under codex", "codex:\n  comand: x", "comand"],
    ["under workspace", "workspace:\n  rooot: /tmp", "rooot"],
    ["under phases", "phases:\n  reveiw:\n    enabled: true", "reveiw"],
  ]) list.push([`unknown key ${where}`, fm(yaml!), key!]);
  return list;
}

export const malformedWorkflowCase: FaultCase = {
  name: "malformed WORKFLOW.md",
  async run(): Promise<Outcome> {
    const { dir, cleanup } = tempDir("maestro-fault-workflow-");
    try {
      const all = variants();
      const tried = `${all.length} WORKFLOW.md variants (bad YAML, wrong types and ranges, unknown keys, broken templates) through maestro verify --json`;
      const results = await pool(all.map((v, i) => [v, i] as const), 3, async ([[what, text, names], i]) => {
        const repo = gitRepo(path.join(dir, `repo-${i}`));
        fs.writeFileSync(path.join(repo, "WORKFLOW.md"), text);
        const r = await runAsync(["verify", repo, "--json"]);
        return { what, names, r };
      });
      const failures: string[] = [];
      let refused = 0;
      let warned = 0;
      for (const { what, names, r } of results) {
        let out: { ok: boolean; checks: { name: string; ok: boolean; message: string }[]; warnings: unknown[] } | undefined;
        try {
          out = JSON.parse(r.stdout);
        } catch {
          failures.push(`${what}: exit ${r.code}, no JSON (${r.stderr.slice(0, 160)})`);
          continue;
        }
        if (/\n\s+at /.test(r.stderr)) {
          failures.push(`${what}: a stack trace on stderr`);
          continue;
        }
        const check = out!.checks.find((c) => c.name === "workflow");
        const warnings = (out!.warnings ?? []).map((w) => (typeof w === "string" ? w : JSON.stringify(w)));
        if (check && !check.ok && r.code !== 0 && !check.message.includes("\n") && check.message.includes(names)) refused++;
        else if (names !== "" && warnings.some((w) => w.includes(names))) warned++;
        else failures.push(`${what}: exit ${r.code}, workflow check ${JSON.stringify(check).slice(0, 200)}, warnings ${JSON.stringify(warnings).slice(0, 120)}`);
      }
      expect(failures.length === 0, tried, `${failures.length} not refused or warned about clearly: ${failures.slice(0, 6).join(" | ")}`);
      return { tried, found: `${refused} failed the workflow check with a one-line message naming the problem (exit 1), ${warned} loaded with a warning naming the unknown key; no crash` };
    } finally {
      cleanup();
    }
  },
};
