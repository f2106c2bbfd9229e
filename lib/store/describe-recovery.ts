import type { Recovery } from "./types.ts";

/**
 * The one line that tells a user what opening the database found in a
 * damaged journal: how many bytes were dropped, why, and where the copy is.
 * Shared by the CLI and the daemon, so both report damage the same way.
 */
export function describeRecovery(path: string, r: Recovery): string {
  const why = r.reason ? ` (${r.reason})` : "";
  const copy = r.damagedCopy ? `; the damaged journal was kept at "${r.damagedCopy}"` : "";
  return `Recovered "${path}": dropped ${r.droppedBytes} bytes of an unfinished or damaged journal tail${why}${copy}`;
}
