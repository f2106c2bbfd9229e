// One attempt (inventory §6.4): prepare the worktree, run before_run, move a
// ready issue to in_progress, start Codex, run turns while the phase goes on,
// then after_run. Returns how it ended; never throws. The scheduler decides
// what happens next (orchestrator.ts).
import { AgentError, startSession, type AgentSession, type AskForApproval, type SandboxMode, type SessionOptions } from "../agent/mod.ts";
import { isMaestroError } from "../errors.ts";
import type { IssueDetail } from "../tracker/mod.ts";
import { prepareWorkspace, runHook, WorkspaceHookError, type WorkspaceConfig, workspacePath } from "../workspace/mod.ts";
import { renderPrompt, type Phase } from "../workflow/mod.ts";
import { phaseContinues } from "./rules.ts";
import type { LiveRun } from "./live-run.ts";
import type { AttemptOutcome, OrchestratorDeps } from "./types.ts";

const SANDBOX: Record<string, SandboxMode> = {
  default: "workspace-write",
  "plan-then-full-access": "workspace-write",
  "full-access": "danger-full-access",
};

function continuationPrompt(issue: IssueDetail, phase: Phase, turn: number, maxTurns: number): string {
  return [
    `Continue working on ${issue.identifier} ("${issue.title}"): it is still ${issue.state}, in the ${phase} phase (turn ${turn} of ${maxTurns}).`,
    "Pick up where you left off. When the work of this phase is finished, move the issue on with Maestro's set_issue_state tool",
    `(or \`maestro issue move ${issue.identifier} <state>\`), so the next phase can start.`,
  ].join(" ");
}

/** Copies the issue's images into the worktree (Codex reads local files) and returns their paths. */
function stageImages(deps: OrchestratorDeps, issue: IssueDetail, workspace: string): string[] {
  const dir = `${workspace}/.maestro/issue-assets`;
  const paths: string[] = [];
  for (const asset of issue.assets.filter((a) => a.content_type.startsWith("image/"))) {
    const { bytes } = deps.tracker.readIssueAsset({ identifier: issue.identifier, asset_id: asset.id });
    const path = `${dir}/${asset.id}-${asset.filename.replace(/[^A-Za-z0-9._-]+/g, "_")}`;
    deps.runtime.fs.mkdirp(dir);
    deps.runtime.fs.writeAtomic(path, bytes);
    paths.push(path);
  }
  return paths;
}

const message = (err: unknown) => (isMaestroError(err) ? err.line : (err as Error)?.message ?? String(err));

/** Runs one attempt of `run`; resolves with its outcome. */
export async function runAttempt(deps: OrchestratorDeps, run: LiveRun): Promise<AttemptOutcome> {
  const { tracker, runtime } = deps;
  const config = run.workflow.config;
  const wsConfig: WorkspaceConfig = { runtime, root: config.workspace.root, hooks: config.hooks };
  const target = { project: run.issue.project_name, identifier: run.issue.identifier, repoPath: run.issue.repo_path, branch: run.issue.branch_name ?? undefined };
  const hookEnv = { MAESTRO_ISSUE_IDENTIFIER: run.issue.identifier, MAESTRO_ISSUE_ID: run.issue.id };

  let path: string;
  try {
    path = workspacePath(config.workspace.root, target.project, target.identifier);
  } catch (err) {
    return { kind: "failed", failure: "workspace_bootstrap", error: message(err) };
  }
  let issue = tracker.getIssue({ identifier: run.issue.id });
  let prepared = false;
  let session: AgentSession | undefined;
  // Codex starts up while the worktree is made and before_run runs (process starts are most of
  // a dispatch); its thread opens in the worktree once that is done, or it is stopped.
  const ready = (async (): Promise<AttemptOutcome | undefined> => {
    try {
      const ws = await prepareWorkspace(wsConfig, target);
      run.workspacePath = ws.path;
      prepared = true;
      tracker.recordWorkspace(run.issue.id, ws.path, ws.branch);
      deps.publish(ws.created ? "workspace_created" : "workspace_reused", run, { path: ws.path, branch: ws.branch, base_ref: ws.baseRef ?? null }, `${ws.path} on ${ws.branch}`);
    } catch (err) {
      // A failing after_create hook is retried like any hook; a worktree that cannot be made waits for a person.
      return { kind: "failed", failure: err instanceof WorkspaceHookError ? "hook_failed" : "workspace_bootstrap", error: message(err) };
    }
    if (run.cancelled) return { kind: "cancelled", why: run.cancelled };
    try {
      await runHook(wsConfig, "before_run", run.workspacePath, hookEnv);
    } catch (err) {
      return { kind: "failed", failure: err instanceof WorkspaceHookError ? "hook_failed" : "run_failed", error: message(err) };
    }
    issue = tracker.getIssue({ identifier: run.issue.id });
    if (issue.state === "ready") issue = tracker.setIssueState({ identifier: issue.id, state: "in_progress" });
    if (run.cancelled) return { kind: "cancelled", why: run.cancelled };
    return undefined;
  })().catch((err): AttemptOutcome => ({ kind: "failed", failure: "run_failed", error: message(err) }));

  const gate = ready.then((early) => {
    if (early) throw early;
  });
  gate.catch(() => undefined); // a session that failed before waiting for it leaves it unread
  const options: SessionOptions = {
    runtime,
    command: config.codex.command,
    workspace: path,
    launchDir: run.issue.repo_path,
    workspaceReady: gate,
    env: {
      ...hookEnv,
      MAESTRO_DB: deps.dbPath,
      MAESTRO_WORKSPACE: path,
      MAESTRO_PHASE: run.phase,
      MAESTRO_CLI: runtime.selfCommand.map(shellQuote).join(" "),
    },
    approvalPolicy: config.codex.approval_policy as AskForApproval,
    sandbox: SANDBOX[issue.permission_profile] ?? "workspace-write",
    // Maestro's own tools, so the agent can read its issue and move it on.
    mcpServers: { maestro: { command: runtime.selfCommand[0]!, args: [...runtime.selfCommand.slice(1), "mcp", "--db", deps.dbPath] } },
    resumeThreadId: run.resumeThreadId,
    threadName: `${issue.identifier}: ${issue.title}`.slice(0, 120),
    tokenBaseline: run.tokenBaseline,
    readTimeoutMs: config.codex.read_timeout_ms,
    turnTimeoutMs: config.codex.turn_timeout_ms,
    stallTimeoutMs: config.codex.stall_timeout_ms,
    clock: deps.clock,
    onEvent: (e) => run.onAgentEvent(e),
    onInterrupt: (i) => run.onInterrupt(i),
  };
  const starting = startSession(options);
  starting.catch(() => undefined); // its failure is read below, after the worktree's
  try {
    const early = await ready;
    if (early) {
      await starting.catch(() => undefined); // the process is gone once this settles
      return early;
    }
    try {
      session = await starting;
    } catch (err) {
      const failure = err instanceof AgentError ? err.reason : "run_failed";
      return { kind: "failed", failure, error: message(err) };
    }
    run.attach(session);
    if (run.cancelled) return { kind: "cancelled", why: run.cancelled };

    const maxTurns = config.agent.max_turns;
    for (let turn = 1; turn <= maxTurns; turn++) {
      let text: string;
      let images: string[] = [];
      try {
        if (turn === 1) {
          const { project } = tracker.getProject({ id: issue.project_id });
          text = renderPrompt(run.workflow, run.phase, {
            issue,
            project: { id: project.id, name: project.name, description: project.description },
            attempt: run.attempt === 0 ? null : run.attempt,
            workspace: { path: run.workspacePath },
          });
          images = stageImages(deps, issue, run.workspacePath);
        } else {
          text = continuationPrompt(issue, run.phase, turn, maxTurns);
        }
      } catch (err) {
        return { kind: "failed", failure: "prompt_failed", error: message(err), threadId: session.threadId };
      }
      const result = await session.runTurn({ text, images });
      if (run.cancelled) return { kind: "cancelled", why: run.cancelled, threadId: session.threadId };
      if (!result.ok) return { kind: "failed", failure: result.reason, error: result.message, threadId: result.threadId ?? session.threadId };
      // Work done in a worktree someone deleted is lost: say so and retry (the next attempt makes it again).
      if (!runtime.fs.stat(run.workspacePath)?.isDirectory) {
        return { kind: "failed", failure: "workspace_missing", error: `Workspace "${run.workspacePath}" was removed during the run`, threadId: session.threadId };
      }
      const now = tracker.runnableByIds([run.issue.id])[0];
      if (!now || !phaseContinues(run.phase, now.state, config)) break;
      issue = tracker.getIssue({ identifier: run.issue.id });
    }
    return { kind: "succeeded", threadId: session.threadId };
  } catch (err) {
    // The issue vanished, the disk filled, a bug: the attempt fails with what happened, the daemon goes on.
    return { kind: "failed", failure: "run_failed", error: message(err), threadId: session?.threadId };
  } finally {
    if (session) await session.close().catch(() => undefined);
    if (prepared) {
      await runHook(wsConfig, "after_run", run.workspacePath, hookEnv).catch((err: unknown) => deps.publish("hook_failed", run, { hook: "after_run", error: message(err) }));
    }
  }
}

/** POSIX single quotes, for MAESTRO_CLI: a command line a shell step can run. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
