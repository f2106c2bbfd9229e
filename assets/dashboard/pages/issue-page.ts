// One issue: its fields (state in place, the rest through the composer),
// description and comments as Markdown, blockers, assets, and the
// execution panel with the live transcript.
import { useRef, useState } from "preact/hooks";
import { api, issuePath } from "../api.ts";
import { Assets } from "../assets.ts";
import { useCatalog } from "../catalog.ts";
import { Comments } from "../comments.ts";
import { ExecutionPanel } from "../execution.ts";
import { ago, tokens, when, words } from "../format.ts";
import { html } from "../html.ts";
import { moveIssue, Priority } from "../issue-card.ts";
import { IssueForm } from "../issue-form.ts";
import { affectsIssue } from "../affects.ts";
import { useResource } from "../live.ts";
import { Markdown } from "../markdown.ts";
import { Schedule } from "../recurring.ts";
import { navigate } from "../router.ts";
import { STATE_LABELS, STATES, type IssueDetail, type IssueState } from "../types.ts";
import { attempt, Empty, Loading, Panel, StateBadge } from "../ui.ts";

function Fields({ issue }: { issue: IssueDetail }) {
  return html`<dl class="facts">
    <dt>State</dt><dd><select aria-label="State" value=${issue.state} data-testid="state-select"
      onChange=${(e: Event) => void moveIssue(issue.identifier, (e.target as HTMLSelectElement).value as IssueState)}>
      ${STATES.map((s) => html`<option value=${s}>${STATE_LABELS[s]}</option>`)}</select></dd>
    <dt>Phase</dt><dd>${words(issue.workflow_phase)}</dd>
    <dt>Project</dt><dd><a href=${`/projects/${issue.project_id}`}>${issue.project_name}</a></dd>
    <dt>Epic</dt><dd>${issue.epic_name ?? html`<span class="muted">None</span>`}</dd>
    <dt>Priority</dt><dd>${issue.priority ? html`<${Priority} p=${issue.priority} />` : html`<span class="muted">None</span>`}</dd>
    <dt>Labels</dt><dd>${issue.labels.length ? issue.labels.map((l) => html`<span class="chip">${l}</span>`) : html`<span class="muted">None</span>`}</dd>
    <dt>Blocked by</dt><dd data-testid="blockers">${issue.blocked_by.length
      ? html`${issue.blocked_by.map((b, i) => html`${i ? ", " : ""}<a class="ident" href=${`/issues/${b}`}>${b}</a>`)} ${issue.is_blocked ? html`<span class="badge bad">open</span>` : html`<span class="badge ok">done</span>`}`
      : html`<span class="muted">Nothing</span>`}</dd>
    <dt>Branch</dt><dd class="mono clip">${issue.branch_name ?? html`<span class="muted">—</span>`}</dd>
    <dt>Pull request</dt><dd class="clip">${issue.pr_url ? html`<a href=${issue.pr_url} target="_blank" rel="noopener noreferrer">${issue.pr_url}</a>` : html`<span class="muted">—</span>`}</dd>
    <dt>Permissions</dt><dd>${words(issue.permission_profile)}</dd>
    ${issue.agent_prompt ? html`<dt>Agent prompt</dt><dd class="pre">${issue.agent_prompt}</dd>` : null}
    <dt>Tokens</dt><dd>${tokens(issue.total_tokens_spent)}</dd>
    <dt>Created</dt><dd title=${when(issue.created_at)}>${ago(issue.created_at)}</dd>
    <dt>Updated</dt><dd title=${when(issue.updated_at)}>${ago(issue.updated_at)}</dd>
  </dl>`;
}

export function IssuePage({ identifier }: { identifier: string }) {
  const blockers = useRef<readonly string[]>([]);
  const issue = useResource(() => api.get<IssueDetail>(issuePath(identifier)), [identifier], ["change"], affectsIssue(identifier, () => blockers.current));
  blockers.current = issue.data?.blocked_by ?? [];
  const catalog = useCatalog();
  const [editing, setEditing] = useState(false);
  const i = issue.data;
  if (issue.error && !i) return html`<div class="page"><${Empty}>${issue.error} <a href="/board">Back to the board</a><//></div>`;
  if (!i) return html`<div class="page"><${Loading} /></div>`;
  const remove = async () => {
    if (!confirm(`Delete ${i.identifier} "${i.title}"? Its comments and assets go too.`)) return;
    if (await attempt(() => api.del(issuePath(i.identifier)), `${i.identifier} deleted`)) navigate("/board");
  };
  return html`<div class="page issue-page" data-testid="issue-page">
    <nav class="crumbs"><a href="/board">Work</a> / <a href=${`/projects/${i.project_id}`}>${i.project_name}</a> / <span>${i.identifier}</span></nav>
    <header class="page-head issue-head">
      <div class="row wrap"><span class="ident big">${i.identifier}</span><${StateBadge} state=${i.state} />${i.is_blocked ? html`<span class="badge bad">Blocked</span>` : null}${i.issue_type === "recurring" ? html`<span class="badge info">Recurring</span>` : null}</div>
      <h1 data-testid="issue-title">${i.title}</h1>
      <div class="row wrap actions">
        <button onClick=${() => setEditing(true)} data-testid="edit-issue">Edit</button>
        <button class="danger" onClick=${remove}>Delete</button>
      </div>
    </header>
    <div class="issue-grid">
      <div class="issue-main">
        <${Panel} title="Description"><${Markdown} source=${i.description} empty="No description." /><//>
        <${ExecutionPanel} issue=${i} />
        <${Assets} identifier=${i.identifier} assets=${i.assets} reload=${issue.reload} />
        <${Comments} identifier=${i.identifier} />
      </div>
      <aside class="issue-side">
        ${i.issue_type === "recurring" ? html`<${Panel} title="Schedule"><${Schedule} issue=${i} reload=${issue.reload} /><//>` : null}
        <${Panel} title="Details"><${Fields} issue=${i} /><//>
      </aside>
    </div>
    ${editing && catalog.data ? html`<${IssueForm} issue=${i} catalog=${catalog.data} onClose=${() => { setEditing(false); issue.reload(); }} />` : null}
  </div>`;
}
