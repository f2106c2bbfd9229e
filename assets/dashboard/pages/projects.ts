// Projects and epics: cards with per-state counts, create and edit, start
// and stop dispatch, delete with a warning.
import { useState } from "preact/hooks";
import { api, APP } from "../api.ts";
import { useCatalog } from "../catalog.ts";
import { tokens } from "../format.ts";
import { html } from "../html.ts";
import { navigate } from "../router.ts";
import { STATE_LABELS, STATES, type EpicSummary, type ProjectSummary } from "../types.ts";
import { attempt, Dialog, Empty, ErrorNote, Loading } from "../ui.ts";

type Editing = { kind: "project"; item?: ProjectSummary } | { kind: "epic"; item?: EpicSummary; project_id: string };

function Bar({ counts, total }: { counts: Record<string, number>; total: number }) {
  return html`<div class="bar-wrap"><div class="stack" aria-hidden="true">
      ${STATES.map((s) => (counts[s] ? html`<span class=${`seg state-${s}`} style=${`flex:${counts[s]}`}></span>` : null))}
      ${total === 0 ? html`<span class="seg none" style="flex:1"></span>` : null}
    </div>
    <div class="legend small">${STATES.filter((s) => counts[s]).map((s) => html`<span><i class=${`dot state-${s}`}></i>${counts[s]} ${STATE_LABELS[s]}</span>`)}${total === 0 ? html`<span class="muted">No issues yet</span>` : null}</div>
  </div>`;
}

function EditDialog({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const item = editing.item;
  const [name, setName] = useState(item?.name ?? "");
  const [description, setDescription] = useState(item?.description ?? "");
  const [repo, setRepo] = useState(editing.kind === "project" ? editing.item?.repo_path ?? "" : "");
  const [workflow, setWorkflow] = useState(editing.kind === "project" ? editing.item?.workflow_path ?? "" : "");
  const submit = async (e: Event) => {
    e.preventDefault();
    const base = editing.kind === "project" ? `${APP}/projects` : `${APP}/epics`;
    const body = editing.kind === "project" ? { name, description, repo_path: repo, workflow_path: workflow } : { name, description, ...(item ? {} : { project_id: editing.project_id }) };
    const ok = await attempt(() => (item ? api.patch(`${base}/${item.id}`, body) : api.post(base, body)), `${editing.kind === "project" ? "Project" : "Epic"} ${item ? "saved" : "created"}`);
    if (ok) onClose();
  };
  const title = `${item ? "Edit" : "New"} ${editing.kind}`;
  return html`<${Dialog} title=${title} onClose=${onClose}>
    <form class="form one" onSubmit=${submit}>
      <label class="field"><span>Name</span><input required autofocus value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
      ${editing.kind === "project" ? html`
        <label class="field"><span>Repository path</span><input required placeholder="/home/me/code/app" value=${repo} onInput=${(e: Event) => setRepo((e.target as HTMLInputElement).value)} /></label>
        <label class="field"><span>WORKFLOW.md path <span class="muted">(default: in the repository)</span></span><input value=${workflow} onInput=${(e: Event) => setWorkflow((e.target as HTMLInputElement).value)} /></label>` : null}
      <label class="field"><span>Description</span><textarea rows="3" value=${description} onInput=${(e: Event) => setDescription((e.target as HTMLTextAreaElement).value)}></textarea></label>
      <div class="row end"><button type="button" onClick=${onClose}>Cancel</button><button class="primary" type="submit">${item ? "Save" : "Create"}</button></div>
    </form>
  <//>`;
}

function ProjectCard({ p, epics, edit }: { p: ProjectSummary; epics: EpicSummary[]; edit: (e: Editing) => void }) {
  const running = p.state === "running";
  const toggle = () => attempt(() => api.post(`${APP}/projects/${p.id}/${running ? "stop" : "run"}`), `${p.name} ${running ? "stopped" : "started"}`);
  const remove = () => confirm(`Delete project ${p.name}? This removes its epics, issues, workspaces records, assets and activity.`) &&
    attempt(() => api.del(`${APP}/projects/${p.id}`), `${p.name} deleted`).then(() => navigate("/projects"));
  return html`<article class="project" data-testid="project">
    <header class="row wrap">
      <h2><a class="plain" href=${`/projects/${p.id}`}>${p.name}</a></h2>
      <span class=${`badge ${running ? "ok" : ""}`}>${running ? html`<span class="pulse"></span>Dispatching` : "Stopped"}</span>
      <span class="grow"></span>
      <button class=${running ? "" : "primary"} onClick=${toggle}>${running ? "Stop" : "Start"}</button>
      <button onClick=${() => edit({ kind: "project", item: p })}>Edit</button>
      <button class="danger" onClick=${remove}>Delete</button>
    </header>
    ${p.description ? html`<p>${p.description}</p>` : null}
    <div class="muted small mono clip" title=${p.repo_path}>${p.repo_path}</div>
    <div class="row wrap small stats"><span><strong>${p.total_count}</strong> issues</span><span><strong>${p.active_count}</strong> active</span><span><strong>${tokens(p.total_tokens_spent)}</strong> tokens</span><a href=${`/board?project=${p.id}`}>Open board →</a></div>
    <${Bar} counts=${p.counts} total=${p.total_count} />
    <div class="epics">
      <header class="row"><h3>Epics</h3><span class="grow"></span><button class="link" onClick=${() => edit({ kind: "epic", project_id: p.id })}>+ New epic</button></header>
      ${epics.length === 0 ? html`<p class="muted small">No epics.</p>` : html`<ul>${epics.map((e) => html`<li key=${e.id} class="epic-row">
        <div class="grow"><a class="plain" href=${`/board?project=${p.id}&epic=${e.id}`}><strong>${e.name}</strong></a> <span class="muted small">${e.total_count} issues, ${e.counts.done} done</span>
          <${Bar} counts=${e.counts} total=${e.total_count} /></div>
        <button class="link" onClick=${() => edit({ kind: "epic", item: e, project_id: p.id })}>Edit</button>
        <button class="link danger" onClick=${() => confirm(`Delete epic ${e.name}? Its issues stay, without an epic.`) && attempt(() => api.del(`${APP}/epics/${e.id}`), "Epic deleted")}>Delete</button>
      </li>`)}</ul>`}
    </div>
  </article>`;
}

export function Projects({ selected }: { selected?: string }) {
  const catalog = useCatalog();
  const [editing, setEditing] = useState<Editing>();
  const projects = (catalog.data?.projects ?? []).filter((p) => !selected || p.id === selected || p.name === selected);
  return html`<div class="page projects-page">
    <header class="page-head row wrap"><h1>${selected && projects[0] ? projects[0].name : "Projects"}</h1><span class="grow"></span>
      ${selected ? html`<a class="button" href="/projects">All projects</a>` : null}
      <button class="primary" onClick=${() => setEditing({ kind: "project" })}>+ New project</button></header>
    <${ErrorNote} error=${catalog.error} />
    ${!catalog.data ? html`<${Loading} />` : projects.length === 0 ? html`<${Empty}>${selected ? "No such project." : "No projects yet. Create one to start tracking work."}<//>`
      : html`<div class="project-list">${projects.map((p) => html`<${ProjectCard} key=${p.id} p=${p} epics=${catalog.data!.epics.filter((e) => e.project_id === p.id)} edit=${setEditing} />`)}</div>`}
    ${editing ? html`<${EditDialog} editing=${editing} onClose=${() => setEditing(undefined)} />` : null}
  </div>`;
}
