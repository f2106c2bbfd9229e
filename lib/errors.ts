/**
 * The one error type every Maestro module throws for expected failures.
 *
 * Surfaces (CLI, HTTP, MCP) map `code` to an exit code, status or tool
 * error in exactly one place each; programmer mistakes stay TypeError or
 * RangeError and are never caught as MaestroError.
 *
 * Messages follow one rule: action first, sentence case, no final period,
 * quoted values, colon before detail, and the fix in the hint or in
 * parentheses, e.g. `Cannot start "MAE-12": blocked by "MAE-9" (finish it
 * or remove the blocker)`.
 */
export type ErrorCode =
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "blocked"
  | "unavailable";

export class MaestroError extends Error {
  override name = "MaestroError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  /** The message with its hint, as one line for a human. */
  get line(): string {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

export const notFound = (message: string, hint?: string) => new MaestroError("not_found", message, hint);
export const invalidInput = (message: string, hint?: string) => new MaestroError("invalid_input", message, hint);
export const conflict = (message: string, hint?: string) => new MaestroError("conflict", message, hint);
export const blocked = (message: string, hint?: string) => new MaestroError("blocked", message, hint);
export const unavailable = (message: string, hint?: string) => new MaestroError("unavailable", message, hint);

/** True when `err` is a MaestroError (also across bundle copies). */
export function isMaestroError(err: unknown): err is MaestroError {
  return err instanceof MaestroError;
}
