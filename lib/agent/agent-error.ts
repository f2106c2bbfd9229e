import { MaestroError } from "../errors.ts";
import type { FailureReason } from "./types.ts";

/** A session that could not start; `reason` is the category (SPEC-10.6-b), the message names the command or path. */
export class AgentError extends MaestroError {
  override name = "AgentError";
  constructor(
    readonly reason: FailureReason,
    message: string,
    hint?: string,
  ) {
    super(reason === "invalid_workspace_cwd" ? "invalid_input" : "unavailable", message, hint);
  }
}
