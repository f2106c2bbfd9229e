// Projects and epics: cards with per-state counts, create and edit, start
// and stop dispatch, delete with a warning.
import { useState } from "preact/hooks";
import { api, APP } from "../api.ts";
import { useCatalog } from "../catalog.ts";
import { CatalogForm, type Editing } from "../catalog-form.ts";
import { tokens } from "../format.ts";
import { html } from "../html.ts";
import { DispatchBadge, DispatchButton } from "../project-dispatch.ts";
import { navigate } from "../router.ts";
import { StateBar } from "../state-bar.ts";
import type { EpicSummary, ProjectSummary } from "../types.ts";
import { attempt, Empty, ErrorNote, Loading } from "../ui.ts";

function ProjectCard({ p, epics, edit }: { p: ProjectSummary; epics: EpicSummary[]; edit: (e: Editing) => void }) {
  const remove = () => confirm(`Delete project ${p.name}? This removes its epics, issues, workspaces records, assets and activity.`) &&
    attempt(() => api.del(`${APP}/projects/${p.id}`), `${p.name} deleted`).then(() => navigate("/projects"));
  return html`<article class="project" data-testid="project">
    <header class="row wrap">
      <h2><a class="plain" href=${`/projects/${p.id}`}>${p.name}</a></h2>
      <${DispatchBadge} state=${p.state} />
      <span class="grow"></span>
      <${DispatchButton} project=${p} />
      <button onClick=${() => edit({ kind: "project", item: p })}>Edit</button>
      <button class="danger" onClick=${remove}>Delete</button>
    </header>
    ${p.description ? html`<p>${p.description}</p>` : null}
    <div class="muted small mono clip" title=${p.repo_path}>${p.repo_path}</div>
    <div class="row wrap small stats"><span><strong>${p.total_count}</strong> issues</span><span><strong>${p.active_count}</strong> active</span><span><strong>${tokens(p.total_tokens_spent)}</strong> tokens</span><a href=${`/projects/${p.id}`}>Open project →</a></div>
    <${StateBar} counts=${p.counts} total=${p.total_count} />
    <div class="epics">
      <header class="row"><h3>Epics</h3><span class="grow"></span><button class="link" onClick=${() => edit({ kind: "epic", project_id: p.id })}>+ New epic</button></header>
      ${epics.length === 0 ? html`<p class="muted small">No epics.</p>` : html`<ul>${epics.map((e) => html`<li key=${e.id} class="epic-row">
        <div class="grow"><a class="plain" href=${`/epics/${e.id}`}><strong>${e.name}</strong></a> <span class="muted small">${e.total_count} issues, ${e.counts.done} done</span>
          <${StateBar} counts=${e.counts} total=${e.total_count} /></div>
        <button class="link" onClick=${() => edit({ kind: "epic", item: e, project_id: p.id })}>Edit</button>
        <button class="link danger" onClick=${() => confirm(`Delete epic ${e.name}? Its issues stay, without an epic.`) && attempt(() => api.del(`${APP}/epics/${e.id}`), "Epic deleted")}>Delete</button>
      </li>`)}</ul>`}
    </div>
  </article>`;
}

export function Projects() {
  const catalog = useCatalog();
  const [editing, setEditing] = useState<Editing>();
  const projects = catalog.data?.projects ?? [];
  return html`<div class="page projects-page">
    <header class="page-head row wrap"><h1>Projects</h1><span class="grow"></span>
      <button class="primary" onClick=${() => setEditing({ kind: "project" })}>+ New project</button></header>
    <${ErrorNote} error=${catalog.error} />
    ${!catalog.data ? html`<${Loading} />` : projects.length === 0 ? html`<${Empty}>No projects yet. Create one to start tracking work.<//>`
      : html`<div class="project-list">${projects.map((p) => html`<${ProjectCard} key=${p.id} p=${p} epics=${catalog.data!.epics.filter((e) => e.project_id === p.id)} edit=${setEditing} />`)}</div>`}
    ${editing ? html`<${CatalogForm} editing=${editing} onClose=${() => setEditing(undefined)} />` : null}
  </div>`;
}
