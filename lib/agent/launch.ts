/** codex.command when WORKFLOW.md leaves it out. */
export const DEFAULT_CODEX_COMMAND = "codex app-server";

/**
 * The argv that starts `command` the way Maestro starts Codex everywhere
 * (the client, `maestro verify`): through a login shell, so PATH and
 * version managers set up in the user's profile apply (SPEC-5.3.6-b uses
 * bash; Maestro uses sh, which every POSIX host has).
 */
export function codexLaunchArgv(command: string): string[] {
  return ["sh", "-lc", command];
}
