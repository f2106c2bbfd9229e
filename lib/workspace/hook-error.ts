import { MaestroError } from "../errors.ts";
import type { HookName } from "./types.ts";

/** A hook that failed, timed out or could not start: code "unavailable", and which hook it was. */
export class WorkspaceHookError extends MaestroError {
  override name = "WorkspaceHookError";
  constructor(
    readonly hook: HookName,
    message: string,
    hint?: string,
  ) {
    super("unavailable", message, hint);
  }
}
