import type { CommandSpec } from "../command.ts";
import { EXIT_FAILURE, EXIT_OK } from "../exit-code.ts";
import { repoDir } from "../repo-dir.ts";

const repoArg = { name: "repo", description: "the repository (default: the current directory)" };

function readinessCommand(name: "verify" | "doctor", title: string, summary: string, details: string): CommandSpec {
  return {
    name,
    summary,
    details,
    args: [repoArg],
    async run(ctx) {
      const repo = repoDir(ctx);
      // Loaded when run: the checks need workflow/ (yaml, eta), which other commands should not pay for.
      const { checkReadiness, printReadiness } = await import("../readiness.ts");
      const report = await checkReadiness(ctx.runtime, repo, { doctor: name === "doctor", dbFlag: ctx.global.db });
      if (ctx.global.json) ctx.out.json(report);
      else printReadiness(ctx.out, `${title}: ${repo}`, report);
      return report.ok ? EXIT_OK : EXIT_FAILURE;
    },
  };
}

const CHECKS = [
  "Checks: git is installed, the repository is a git work tree and `git worktree list` works;",
  "WORKFLOW.md loads (its warnings are shown with !, they do not fail); codex.command is",
  "installed and, in app_server mode, answers `initialize` within codex.read_timeout_ms;",
  "the workspace root is writable or can be created. Creates nothing. Exits 1 when a check",
  "fails (also with --json: {ok, checks: [{name, ok, message, fix?}], warnings}).",
].join("\n");

/** `maestro verify [repo]`: is this repository ready for Maestro (inventory §1.8, §9.2)? */
export const verifyCommand = readinessCommand("verify", "Verification", "Check that a repository is ready for Maestro: git, WORKFLOW.md, Codex, workspace root", CHECKS);

/** `maestro doctor [repo]`: verify's checks plus the database and the daemon. */
export const doctorCommand = readinessCommand(
  "doctor",
  "Doctor",
  "Run verify's checks plus the database (writable, not locked) and the daemon",
  `${CHECKS}\nDoctor also checks that the database (--db) can be opened for writing and is not\nlocked by another process (the live daemon holding it is fine), and reports the daemon.`,
);
