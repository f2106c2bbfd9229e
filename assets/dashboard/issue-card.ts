// A card on the board: identifier, title, labels, blockers, the live
// session badge and token spend, and a keyboard-reachable "Move to" menu.
import { api, issuePath } from "./api.ts";
import { tokens } from "./format.ts";
import { html } from "./html.ts";
import { STATE_LABELS, STATES, type IssueState, type IssueSummary, type RunningView } from "./types.ts";
import { attempt } from "./ui.ts";

/** Moves an issue through the API; the server's refusal (e.g. open blockers) shows as a toast. */
export const moveIssue = (identifier: string, state: IssueState) =>
  attempt(() => api.post(`${issuePath(identifier)}/state`, { state }), `${identifier} moved to ${STATE_LABELS[state]}`);

export function MoveTo({ issue }: { issue: IssueSummary }) {
  return html`<select class="move" aria-label=${`Move ${issue.identifier} to`} value="" onClick=${(e: Event) => e.stopPropagation()}
    onChange=${(e: Event) => { const v = (e.target as HTMLSelectElement).value as IssueState; (e.target as HTMLSelectElement).value = ""; if (v) void moveIssue(issue.identifier, v); }}>
    <option value="" disabled>Move to…</option>
    ${STATES.filter((s) => s !== issue.state).map((s) => html`<option value=${s}>${STATE_LABELS[s]}</option>`)}
  </select>`;
}

export function Priority({ p }: { p: number }) {
  if (!p) return null;
  return html`<span class=${`prio p${p}`} title=${`Priority ${p}`}>P${p}</span>`;
}

export function IssueCard({ issue, run }: { issue: IssueSummary; run?: RunningView }) {
  const spent = run ? run.tokens.total_tokens : issue.total_tokens_spent;
  return html`<article class=${`card${run ? " running" : ""}`} draggable="true" data-identifier=${issue.identifier} data-testid="card"
    onDragStart=${(e: DragEvent) => { e.dataTransfer?.setData("text/plain", issue.identifier); e.dataTransfer!.effectAllowed = "move"; (e.currentTarget as HTMLElement).classList.add("dragging"); }}
    onDragEnd=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove("dragging")}>
    <div class="card-top">
      <a class="ident" href=${`/issues/${issue.identifier}`}>${issue.identifier}</a>
      <${Priority} p=${issue.priority} />
      ${run ? html`<span class="badge live-badge" title=${`${run.phase}, attempt ${run.attempt}`}><span class="pulse"></span>${run.pending_interrupts ? "Needs you" : "Running"}</span>` : null}
    </div>
    <a class="card-title" href=${`/issues/${issue.identifier}`}>${issue.title}</a>
    <div class="card-meta">
      ${issue.epic_name ? html`<span class="chip epic">${issue.epic_name}</span>` : null}
      ${issue.labels.map((l) => html`<span class="chip">${l}</span>`)}
    </div>
    ${issue.blocked_by.length ? html`<div class=${`blockers${issue.is_blocked ? " open" : ""}`} title=${issue.is_blocked ? "Waiting for open blockers" : "All blockers finished"}>
      ${issue.is_blocked ? "Blocked by" : "Was blocked by"} ${issue.blocked_by.map((b, i) => html`${i ? ", " : ""}<a href=${`/issues/${b}`}>${b}</a>`)}
    </div>` : null}
    <div class="card-foot">
      ${spent ? html`<span class="tokens" title="Tokens spent">${tokens(spent)} tokens</span>` : null}
      <span class="grow"></span>
      <${MoveTo} issue=${issue} />
    </div>
  </article>`;
}
