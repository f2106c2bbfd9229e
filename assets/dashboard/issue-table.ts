// Issues as a table (the Work list view, and a project's or epic's issues):
// state, project, updated, tokens, with Move to, edit and delete per row.
import { useState } from "preact/hooks";
import { api, issuePath } from "./api.ts";
import { useCatalog } from "./catalog.ts";
import { ago, tokens } from "./format.ts";
import { html } from "./html.ts";
import { MoveTo, Priority } from "./issue-card.ts";
import { IssueForm } from "./issue-form.ts";
import type { IssueDetail, IssueSummary, RunningView } from "./types.ts";
import { attempt, Empty, StateBadge } from "./ui.ts";

export function IssueTable({ issues, runs, empty = "No issues match these filters." }: { issues: IssueSummary[]; runs: Map<string, RunningView>; empty?: string }) {
  const catalog = useCatalog();
  const [editing, setEditing] = useState<IssueDetail>();
  const edit = (i: IssueSummary) => void attempt(async () => setEditing(await api.get<IssueDetail>(issuePath(i.identifier))));
  if (issues.length === 0) return html`<${Empty}>${empty}<//>`;
  return html`<div class="table-wrap panel flush"><table class="table issues" data-testid="issue-list">
    <thead><tr><th>Issue</th><th>State</th><th class="hide-sm">Project</th><th class="hide-sm">Updated</th><th class="num hide-sm">Tokens</th><th><span class="sr">Actions</span></th></tr></thead>
    <tbody>${issues.map((i) => html`<tr key=${i.identifier}>
      <td><a class="ident" href=${`/issues/${i.identifier}`}>${i.identifier}</a> <${Priority} p=${i.priority} /> ${runs.has(i.identifier) ? html`<span class="badge live-badge"><span class="pulse"></span>Running</span>` : null}
        <div><a class="plain" href=${`/issues/${i.identifier}`}>${i.title}</a></div>
        ${i.is_blocked ? html`<div class="blockers open small">Blocked by ${i.blocked_by.join(", ")}</div>` : null}</td>
      <td><${StateBadge} state=${i.state} /></td>
      <td class="hide-sm">${i.project_name}${i.epic_name ? html`<div class="muted small">${i.epic_name}</div>` : null}</td>
      <td class="hide-sm muted">${ago(i.updated_at)}</td>
      <td class="num hide-sm">${tokens(runs.get(i.identifier)?.tokens.total_tokens ?? i.total_tokens_spent)}</td>
      <td><div class="row-actions"><${MoveTo} issue=${i} />
        <button class="link" onClick=${() => edit(i)} aria-label=${`Edit ${i.identifier}`}>Edit</button>
        <button class="link danger" aria-label=${`Delete ${i.identifier}`} onClick=${() => confirm(`Delete ${i.identifier} "${i.title}"?`) && attempt(() => api.del(issuePath(i.identifier)), `${i.identifier} deleted`)}>Delete</button></div></td>
    </tr>`)}</tbody>
  </table>
  ${editing && catalog.data ? html`<${IssueForm} issue=${editing} catalog=${catalog.data} onClose=${() => setEditing(undefined)} />` : null}
  </div>`;
}
