import { isMaestroError } from "../errors.ts";
import { NoDaemonError } from "./no-daemon.ts";

/** Exit codes: 0 ok, 1 other failure, 2 usage or invalid input, 3 not found, 4 no daemon for a command that needs one. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_NOT_FOUND = 3;
/** The reference's exit code for "no daemon" (inventory §1.3): `mcp` and the runtime commands. */
export const EXIT_NO_DAEMON = 4;

/** The one place an error becomes an exit code and a one-line message. */
export function describeFailure(err: unknown): { code: number; line: string } {
  if (err instanceof NoDaemonError) return { code: EXIT_NO_DAEMON, line: err.line };
  if (isMaestroError(err)) {
    const code = err.code === "not_found" ? EXIT_NOT_FOUND
      : err.code === "invalid_input" || err.code === "blocked" ? EXIT_USAGE
      : EXIT_FAILURE;
    return { code, line: err.line };
  }
  // Anything else is a bug or an environment failure; keep it to one line, never a stack trace.
  const e = err as { code?: string; message?: string } | undefined;
  const detail = e?.message ?? String(err);
  if (e?.code === "ENOSPC") return { code: EXIT_FAILURE, line: `Write failed: disk full (free space and retry)` };
  if (e?.code === "EACCES" || e?.code === "EPERM") return { code: EXIT_FAILURE, line: `Permission denied: ${detail}` };
  if (e?.code === "EROFS") return { code: EXIT_FAILURE, line: `Cannot write: read-only file system: ${detail} (pass a --db on a writable disk)` };
  return { code: EXIT_FAILURE, line: `Unexpected error: ${detail.split("\n")[0]} (please report this)` };
}
