// One project: repository, dispatch on/off, counts by state, its epics,
// its recurring issues and its issues.
import { useState } from "preact/hooks";
import { api, APP, query } from "../api.ts";
import { useCatalog } from "../catalog.ts";
import { CatalogForm, type Editing } from "../catalog-form.ts";
import { tokens, words } from "../format.ts";
import { html } from "../html.ts";
import { IssueForm } from "../issue-form.ts";
import { IssueTable } from "../issue-table.ts";
import { affectsWork } from "../affects.ts";
import { useResource } from "../live.ts";
import { DispatchBadge, DispatchButton } from "../project-dispatch.ts";
import { RecurringList } from "../recurring.ts";
import { useRuns } from "../runs.ts";
import { StateBar } from "../state-bar.ts";
import type { IssueSummary, Page, ProjectView } from "../types.ts";
import { Empty, ErrorNote, Loading, Panel } from "../ui.ts";

type Creating = "issue" | "recurring";

export function ProjectPage({ id }: { id: string }) {
  const view = useResource(() => api.get<ProjectView>(`${APP}/projects/${encodeURIComponent(id)}`), [id], ["change"], affectsWork);
  const issues = useResource(
    () => api.get<Page<IssueSummary>>(`${APP}/issues${query({ project_id: id, issue_type: "standard", sort: "priority_asc", limit: 500 })}`),
    [id], ["change"], affectsWork,
  );
  const runs = useRuns();
  const catalog = useCatalog();
  const [editing, setEditing] = useState<Editing>();
  const [creating, setCreating] = useState<Creating>();
  if (view.error && !view.data) return html`<div class="page"><${Empty}>${view.error} <a href="/projects">All projects</a><//></div>`;
  if (!view.data) return html`<div class="page"><${Loading} /></div>`;
  const { project: p, epics } = view.data;
  return html`<div class="page project-page" data-testid="project-page">
    <nav class="crumbs"><a href="/projects">Projects</a> / <span>${p.name}</span></nav>
    <header class="page-head row wrap">
      <h1>${p.name}</h1><${DispatchBadge} state=${p.state} /><span class="grow"></span>
      <${DispatchButton} project=${p} after=${view.reload} />
      <button onClick=${() => setEditing({ kind: "project", item: p })}>Edit</button>
      <button class="primary" onClick=${() => setCreating("issue")}>+ New issue</button>
    </header>
    ${p.description ? html`<p class="lead">${p.description}</p>` : null}
    <${Panel}>
      <dl class="facts">
        <dt>Repository</dt><dd class="mono clip" title=${p.repo_path} data-testid="repo-path">${p.repo_path}</dd>
        <dt>WORKFLOW.md</dt><dd class="mono clip" title=${p.workflow_path}>${p.workflow_path || html`<span class="muted">in the repository</span>`}</dd>
        <dt>Permissions</dt><dd>${words(p.permission_profile)}</dd>
        <dt>Issues</dt><dd><strong>${p.total_count}</strong> · ${p.active_count} active · ${p.terminal_count} finished · ${tokens(p.total_tokens_spent)} tokens</dd>
      </dl>
      <${StateBar} counts=${p.counts} total=${p.total_count} />
    <//>
    <div class="grid two">
      <${Panel} title="Recurring issues" actions=${html`<button class="link" onClick=${() => setCreating("recurring")}>+ New recurring issue</button>`}>
        <${RecurringList} projectId=${p.id} />
      <//>
      <${Panel} title=${`Epics (${epics.length})`} actions=${html`<button class="link" onClick=${() => setEditing({ kind: "epic", project_id: p.id })}>+ New epic</button>`}>
        ${epics.length === 0 ? html`<p class="muted small">No epics.</p>` : html`<ul class="plain-list">${epics.map((e) => html`<li key=${e.id}>
          <a class="plain" href=${`/epics/${e.id}`}><strong>${e.name}</strong></a> <span class="muted small">${e.total_count} issues, ${e.counts.done} done</span>
          <${StateBar} counts=${e.counts} total=${e.total_count} /></li>`)}</ul>`}
      <//>
    </div>
    <${Panel} title="Issues" actions=${html`<a class="button" href=${`/board?project=${p.id}`}>Open on the board</a>`}>
      <${ErrorNote} error=${issues.error} />
      ${issues.data ? html`<${IssueTable} issues=${issues.data.items} runs=${runs.data ?? new Map()} empty="No issues in this project yet." />` : html`<${Loading} />`}
    <//>
    ${editing ? html`<${CatalogForm} editing=${editing} onClose=${() => { setEditing(undefined); view.reload(); }} />` : null}
    ${creating && catalog.data ? html`<${IssueForm} catalog=${catalog.data} defaults=${{ project_id: p.id, issue_type: creating === "recurring" ? "recurring" : "standard" }} onClose=${() => setCreating(undefined)} stay />` : null}
  </div>`;
}
