// The built-in prompts: used when WORKFLOW.md leaves a template empty, and
// written by `workflow init`. Liquid syntax, so a file written by init reads
// like the older Maestro and Symphony files people already have.

/** The implementation prompt: the body of a file without one, and what init writes. */
export const DEFAULT_PROMPT = `You are working on issue {{ issue.identifier }}: {{ issue.title }}

Current phase: {{ phase }}
State: {{ issue.state }}
{% if attempt %}Continuation attempt: {{ attempt }}. Read the workspace and the issue comments first, then carry on where the previous attempt stopped.
{% endif %}{% if project.description %}
Project context:
{{ project.description }}
{% endif %}
Description:
{% if issue.description %}{{ issue.description }}{% else %}No description provided.{% endif %}

## Default posture

- Find out what the issue needs before changing anything: reproduce or inspect the current behaviour first.
- Plan before you code, and decide up front how you will verify the change.
- Keep your notes in one issue comment headed "## Maestro Workpad" and update it as you go; it is the record of the work.
- Work you find that is outside this issue becomes a new Backlog issue in the same project, linked to this one (with a blocker when it must come first), not part of this change.
- Move the issue to its next state only when the work meets the bar for that state.

## Instructions

1. Stay inside the workspace Maestro prepared for this issue.
2. Work on the branch Maestro checked out in it; do not switch to another one.
3. Keep the change focused and follow the project's conventions.
4. Run the validation that covers what you changed, and fix what fails.
5. Commit in small steps with messages that say why.
6. The work is complete when it is merged into the repository's default branch.
7. Push what you merged, so others can see it.
8. In the done phase, once merged, pushed and validated, leave the workspace as it is: Maestro runs the cleanup hooks and removes it after your run.
9. Comment on the issue when you create a commit, pull request or merge.
10. If credentials, permissions, merge conflicts or a missing service block you, stop, and say so both in your final message and in an issue comment.
11. End with a final message that lists only the work completed, the validation run, the merge status and any blockers.

## Guardrails

- Do not change an issue that is in Backlog: a person moves it to Ready first.
- Do not edit the issue description for plans or progress: use the workpad comment.
- If the pull request for this work is already closed or merged, do not reuse it: start again from the default branch.
- Temporary edits made only to prove something locally are reverted before you commit.
- Keep issue text short, specific and written for a reviewer.`;

/** The issue's state, project context and description, as the review and done prompts show them. */
const ISSUE_CONTEXT = `State: {{ issue.state }}
{% if project.description %}
Project context:
{{ project.description }}
{% endif %}
Description:
{% if issue.description %}{{ issue.description }}{% else %}No description provided.{% endif %}`;

/** The review prompt when `phases.review.prompt` is empty. */
export const DEFAULT_REVIEW_PROMPT = `You are reviewing the work on issue {{ issue.identifier }}: {{ issue.title }}

${ISSUE_CONTEXT}

Review the change in this workspace against the issue, run focused verification, and fix the problems you find.

- If more implementation is needed, move the issue back to in_progress and say why in a comment.
- If the work is ready to finish, move the issue to done.`;

/** The done prompt when `phases.done.prompt` is empty. */
export const DEFAULT_DONE_PROMPT = `You are finishing issue {{ issue.identifier }}: {{ issue.title }}

${ISSUE_CONTEXT}

The done phase brings this work home from the current workspace.

- Commit anything that is still uncommitted.
- Merge the work into the repository's default branch, resolving conflicts with care.
- Run the project's validation again after the merge.
- Push the default branch.
- Leave the workspace in place: Maestro runs the cleanup hooks and removes it after your run.
- If a merge conflict, missing credentials, permissions or a service you need block you, report it clearly and stop.`;

/** The shorter review prompt `workflow init` writes. */
export const INIT_REVIEW_PROMPT = `Review the work on issue {{ issue.identifier }} in this workspace.
{% if project.description %}
Project context:
{{ project.description }}
{% endif %}
Run focused verification and fix what you find. Move the issue back to in_progress if more work is needed, or to done when the review is complete.`;

/** The shorter done prompt `workflow init` writes. */
export const INIT_DONE_PROMPT = `Finish issue {{ issue.identifier }} from this workspace.
{% if project.description %}
Project context:
{{ project.description }}
{% endif %}
- Commit what is left, merge the work into the default branch and run the validation again there.
- Push the default branch.
- Leave the workspace in place: Maestro cleans it up after your run.
- If something blocks you, report it clearly and stop.`;
