// One epic: its description, counts by state, its issues, and the other
// epics of its project.
import { useState } from "preact/hooks";
import { api, APP, query } from "../api.ts";
import { useCatalog } from "../catalog.ts";
import { html } from "../html.ts";
import { IssueForm } from "../issue-form.ts";
import { IssueTable } from "../issue-table.ts";
import { affectsWork } from "../affects.ts";
import { useResource } from "../live.ts";
import { Markdown } from "../markdown.ts";
import { useRuns } from "../runs.ts";
import { StateBar } from "../state-bar.ts";
import type { EpicView, IssueSummary, Page } from "../types.ts";
import { Empty, ErrorNote, Loading, Panel } from "../ui.ts";

export function EpicPage({ id }: { id: string }) {
  const view = useResource(() => api.get<EpicView>(`${APP}/epics/${encodeURIComponent(id)}`), [id], ["change"], affectsWork);
  const issues = useResource(
    () => api.get<Page<IssueSummary>>(`${APP}/issues${query({ epic_id: id, sort: "priority_asc", limit: 500 })}`),
    [id], ["change"], affectsWork,
  );
  const runs = useRuns();
  const catalog = useCatalog();
  const [creating, setCreating] = useState(false);
  if (view.error && !view.data) return html`<div class="page"><${Empty}>${view.error} <a href="/projects">All projects</a><//></div>`;
  if (!view.data) return html`<div class="page"><${Loading} /></div>`;
  const { epic: e, project: p, sibling_epics: siblings } = view.data;
  return html`<div class="page epic-page" data-testid="epic-page">
    <nav class="crumbs"><a href="/projects">Projects</a> / <a href=${`/projects/${p.id}`}>${p.name}</a> / <span>${e.name}</span></nav>
    <header class="page-head row wrap"><h1>${e.name}</h1><span class="badge">Epic</span><span class="grow"></span>
      <button class="primary" onClick=${() => setCreating(true)}>+ New issue</button></header>
    <${Panel}>
      <${Markdown} source=${e.description} empty="No description." />
      <${StateBar} counts=${e.counts} total=${e.total_count} />
      ${siblings.length ? html`<div class="row wrap small sibling-epics"><span class="muted">Other epics:</span>${siblings.map((s) => html`<a class="chip epic" href=${`/epics/${s.id}`}>${s.name}</a>`)}</div>` : null}
    <//>
    <${ErrorNote} error=${issues.error} />
    ${issues.data ? html`<${IssueTable} issues=${issues.data.items} runs=${runs.data ?? new Map()} empty="No issues in this epic yet." />` : html`<${Loading} />`}
    ${creating && catalog.data ? html`<${IssueForm} catalog=${catalog.data} defaults=${{ project_id: p.id, epic_id: e.id }} onClose=${() => setCreating(false)} stay />` : null}
  </div>`;
}
