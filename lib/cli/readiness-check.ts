/** One readiness check of `maestro verify` / `doctor`: `✓ <message>` or `✗ <message> (<fix>)`. */
export interface Check {
  /** Stable id for scripts, e.g. "git_repo", "codex". */
  name: string;
  ok: boolean;
  /** What was found; on a failure `<what>: <problem>`. */
  message: string;
  /** How to fix a failure. */
  fix?: string;
}

/** A WORKFLOW.md warning: worth a look, never a failure. */
export interface ReadinessWarning {
  code: string;
  message: string;
}

/** Everything `verify` found; `ok` is false when any check failed. */
export interface Readiness {
  ok: boolean;
  checks: Check[];
  warnings: ReadinessWarning[];
}

export const passed = (name: string, message: string): Check => ({ name, ok: true, message });
export const failed = (name: string, message: string, fix: string): Check => ({ name, ok: false, message, fix });

// deno-lint-ignore no-control-regex
const plainLines = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").split("\n").map((l) => l.trim()).filter((l) => l !== "");

/** The first non-blank line of a program's output, without terminal colours ("" when none). */
export const firstLine = (text: string): string => plainLines(text)[0] ?? "";

/** The last non-blank line of a program's output (where a crash says why), without terminal colours. */
export const lastLine = (text: string): string => plainLines(text).at(-1) ?? "";
