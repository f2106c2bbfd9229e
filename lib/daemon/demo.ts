// `maestro run --demo`: a git repository, a WORKFLOW.md whose agent is the
// bundle's own fake app-server, and a project of a dozen issues, so a
// newcomer sees the whole loop in the dashboard within a minute with no
// Codex, no API key and no network: issues go ready → in progress → review
// → done, transcripts stream, tokens count, commits land on the issue
// branches, one run fails and is retried, one waits for an approval.
import { unavailable } from "../errors.ts";
import { joinPath, type Runtime } from "../runtime/mod.ts";
import { runOperation, type Tracker } from "../tracker/mod.ts";

const PROJECT = "Demo";

interface SeedIssue {
  title: string;
  description: string;
  state: "backlog" | "ready";
  priority?: number;
  labels?: string[];
  blockedBy?: number[];
  cron?: string;
}

// Numbers in blockedBy are positions in this list (1-based, as the identifiers DEMO-N will be).
const ISSUES: SeedIssue[] = [
  { title: "Add a /health endpoint", description: "Answer `GET /health` with the version and uptime.", state: "ready", priority: 1, labels: ["api"] },
  { title: "Write the README quick start", description: "Two commands: install and run.", state: "ready", priority: 2, labels: ["docs"] },
  { title: "Rotate the API token on restart", description: "Needs a person's approval before the agent rewrites the config.", state: "ready", priority: 2, labels: ["security"] },
  { title: "Fix the flaky date test", description: "Fails around midnight UTC. (The demo agent fails its first try here.)", state: "ready", priority: 1, labels: ["tests"] },
  { title: "Add request logging", description: "One line per request: method, path, status, ms.", state: "ready", priority: 3, labels: ["api"] },
  { title: "Cache the board query", description: "Starts once the health endpoint is done.", state: "ready", blockedBy: [1], labels: ["perf"] },
  { title: "Document the cache", description: "Waits for the cache.", state: "ready", blockedBy: [6], labels: ["docs"] },
  { title: "Dark mode for the dashboard", description: "Follow prefers-color-scheme.", state: "backlog", labels: ["ui"] },
  { title: "Nightly dependency check", description: "A recurring issue: queued every night at 03:00.", state: "backlog", cron: "0 3 * * *", labels: ["maintenance"] },
  { title: "Upgrade the test runner", description: "Move to the latest major.", state: "backlog", labels: ["tests"] },
  { title: "Add a CONTRIBUTING guide", description: "How to build, test and send a change.", state: "ready", labels: ["docs"] },
  { title: "Profile the startup time", description: "Where do the first 100 ms go?", state: "backlog", labels: ["perf"] },
];

const say = (text: string) => ({ message: text.split(/(?<= )/) });
const DEMO_GIT = `git -c user.name="Maestro demo" -c user.email=demo@maestro.invalid`;
const move = (state: string) => `$MAESTRO_CLI issue move "$MAESTRO_ISSUE_IDENTIFIER" ${state} --db "$MAESTRO_DB" >/dev/null && echo "moved $MAESTRO_ISSUE_IDENTIFIER to ${state}"`;
const commitWork = `mkdir -p notes && printf '# %s\\n\\nWritten by the demo agent.\\n' "$MAESTRO_ISSUE_IDENTIFIER" > "notes/$MAESTRO_ISSUE_IDENTIFIER.md" && ` +
  `git add notes && ${DEMO_GIT} commit -qm "$MAESTRO_ISSUE_IDENTIFIER: demo change" && echo "committed notes/$MAESTRO_ISSUE_IDENTIFIER.md"`;

/** The fake agent's scripts: one per phase, plus one-off ones for particular issues (played once). */
function scenarios(): Record<string, unknown> {
  const implement = (extra: Record<string, unknown> = {}) => ({
    delayMs: 350,
    steps: [
      say("Reading the issue and the code around it."),
      { tokens: { input: 1800, output: 120 } },
      say("Making the change and writing a note about it."),
      { command: commitWork, ...extra },
      { tokens: { input: 900, output: 260 } },
      { command: move("in_review") },
      say("Done: the change is on the issue's branch and the issue is in review."),
    ],
  });
  return {
    implementation: implement(),
    review: {
      delayMs: 350,
      steps: [
        say("Reviewing the change on this branch."),
        { command: "git log --oneline -3 && git show --stat HEAD | tail -n 3" },
        { tokens: { input: 1200, output: 90 } },
        say("Looks good; moving it to done."),
        { command: move("done") },
      ],
    },
    done: { steps: [say("Nothing left to do.")] },
    // DEMO-3 asks before it commits: answer it in the dashboard or with `maestro interrupts`.
    "DEMO-3": implement({ approval: "The demo agent wants to commit a change to the token rotation" }),
    // DEMO-4 fails its first try; the orchestrator retries it 10 s later.
    "DEMO-4": {
      delayMs: 350,
      steps: [say("Running the date tests."), { tokens: { input: 600, output: 40 } }, { fail: "the date test failed again (a demo failure: the retry succeeds)" }],
    },
  };
}

function workflow(dir: string): string {
  return `---
# The demo's workflow: the agent is maestro's own fake app-server (agent.sh picks its script).
codex:
  command: "sh '${joinPath(dir, "agent.sh")}'"
  approval_policy: on-request
workspace:
  root: "${joinPath(dir, "worktrees")}"
agent:
  max_concurrent_agents: 3
  max_turns: 2
  max_retry_backoff_ms: 10000
phases:
  review:
    enabled: true
  done:
    enabled: false
---
You are working on {{ issue.identifier }}: {{ issue.title }}.

{{ issue.description }}

Make the change, commit it on this branch, then move the issue to in_review.
`;
}

const shellQuote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;

/** agent.sh: the scenario for this worktree's issue (a one-off first, once), else the phase's. */
function agentScript(runtime: Runtime, dir: string): string {
  const self = runtime.selfCommand.map(shellQuote).join(" ");
  return `#!/bin/sh
# Started by Maestro as codex.command, in the issue's worktree (named after the issue).
dir=${shellQuote(dir)}
id="$MAESTRO_ISSUE_IDENTIFIER"
scenario="$dir/scenarios/$MAESTRO_PHASE.json"
if [ -f "$dir/scenarios/$id.json" ] && [ ! -f "$dir/played/$id" ]; then
  mkdir -p "$dir/played" && : > "$dir/played/$id"
  scenario="$dir/scenarios/$id.json"
fi
exec ${self} fake-codex --scenario "$scenario"
`;
}

async function git(runtime: Runtime, cwd: string, args: string[]): Promise<void> {
  const r = await runtime.runProcess(["git", ...args], { cwd, timeoutMs: 30_000 });
  if (r.code !== 0) {
    throw unavailable(`Cannot set up the demo repository: git ${args[0]} failed: ${(r.stderr || r.stdout).trim().split("\n").pop()}`, "install git, or run without --demo");
  }
}

/**
 * Seeds the demo next to the database (once: a database that already has the
 * Demo project is left as it is) and starts the project. Returns the repository path.
 */
export async function seedDemo(runtime: Runtime, tracker: Tracker, dir: string): Promise<string> {
  const repo = joinPath(dir, "demo-repo");
  const existing = (runOperation(tracker, "list_projects", { limit: 500 }) as { items: { id: string; name: string; repo_path: string }[] }).items
    .find((p) => p.name === PROJECT && p.repo_path === repo);
  let projectId = existing?.id ?? "";
  if (!existing) {
    runtime.fs.mkdirp(joinPath(dir, "scenarios"));
    for (const [name, body] of Object.entries(scenarios())) runtime.fs.writeAtomic(joinPath(dir, "scenarios", `${name}.json`), JSON.stringify(body, null, 2));
    runtime.fs.writeAtomic(joinPath(dir, "agent.sh"), agentScript(runtime, dir), 0o755);
    if (!runtime.fs.stat(joinPath(repo, ".git"))) {
      runtime.fs.mkdirp(repo);
      await git(runtime, repo, ["init", "-q", "-b", "main"]);
      runtime.fs.writeAtomic(joinPath(repo, "README.md"), "# Demo app\n\nA repository for `maestro run --demo`.\n");
      runtime.fs.writeAtomic(joinPath(repo, "WORKFLOW.md"), workflow(dir));
      await git(runtime, repo, ["add", "."]);
      await git(runtime, repo, ["-c", "user.name=Maestro demo", "-c", "user.email=demo@maestro.invalid", "commit", "-qm", "Demo app"]);
    }
    const created = runOperation(tracker, "create_project", {
      name: PROJECT,
      repo_path: repo,
      description: "Seeded by maestro run --demo: a fake agent works through these issues.",
    }) as { id: string };
    const ids: string[] = [];
    for (const seed of ISSUES) {
      const issue = runOperation(tracker, "create_issue", {
        project_id: created.id,
        title: seed.title,
        description: seed.description,
        state: seed.state,
        priority: seed.priority ?? 0,
        labels: seed.labels ?? [],
        blocked_by: (seed.blockedBy ?? []).map((n) => ids[n - 1]!),
        ...(seed.cron ? { issue_type: "recurring", cron: seed.cron } : {}),
      }) as { identifier: string };
      ids.push(issue.identifier);
    }
    projectId = created.id;
  }
  runOperation(tracker, "set_project_state", { id: projectId, state: "running" });
  return repo;
}
