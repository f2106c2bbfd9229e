// Failures inside the template machinery, before template.ts turns them
// into MaestroErrors. Lines are WORKFLOW.md lines.

/** A template that cannot be compiled: bad tag, unknown filter, unclosed block. */
export class TemplateSyntaxError extends Error {
  override name = "TemplateSyntaxError";
  constructor(readonly reason: string, readonly line: number) {
    super(`${reason} (line ${line})`);
  }
}

/** A render that cannot finish: unknown variable, loop over a non-list. */
export class TemplateRenderFailure extends Error {
  override name = "TemplateRenderFailure";
  constructor(readonly reason: string, readonly line: number) {
    super(`${reason} (line ${line})`);
  }
}
