// Work: lanes per state (drag a card, or use its "Move to" menu) or a
// list; filters, sort and view live in the URL.
import { useState } from "preact/hooks";
import { api, APP, query } from "../api.ts";
import { useCatalog } from "../catalog.ts";
import { html } from "../html.ts";
import { IssueCard, moveIssue } from "../issue-card.ts";
import { IssueForm } from "../issue-form.ts";
import { IssueTable } from "../issue-table.ts";
import { affectsWork } from "../affects.ts";
import { useResource } from "../live.ts";
import { useRuns } from "../runs.ts";
import { setParam, useLocation } from "../router.ts";
import { SORTS, STATE_LABELS, STATES, type IssueState, type IssueSummary, type Page, type RunningView } from "../types.ts";
import { ErrorNote, Loading } from "../ui.ts";

function Lane({ state, issues, runs }: { state: IssueState; issues: IssueSummary[]; runs: Map<string, RunningView> }) {
  const [over, setOver] = useState(false);
  return html`<section class=${`lane${over ? " over" : ""}`} data-state=${state} data-testid=${`lane-${state}`} aria-label=${STATE_LABELS[state]}
    onDragOver=${(e: DragEvent) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = "move"; setOver(true); }}
    onDragLeave=${(e: DragEvent) => { if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) setOver(false); }}
    onDrop=${(e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      const id = e.dataTransfer?.getData("text/plain");
      const from = issues.find((i) => i.identifier === id);
      if (id && !from) void moveIssue(id, state);
    }}>
    <header class="lane-head"><span class=${`dot state-${state}`}></span><h2>${STATE_LABELS[state]}</h2><span class="lane-count">${issues.length}</span></header>
    <div class="lane-body">
      ${issues.map((i) => html`<${IssueCard} key=${i.identifier} issue=${i} run=${runs.get(i.identifier)} />`)}
      ${issues.length === 0 ? html`<div class="lane-empty">Drop issues here</div>` : null}
    </div>
  </section>`;
}

export function Board() {
  const { params } = useLocation();
  const f = {
    project_id: params.get("project") ?? "",
    epic_id: params.get("epic") ?? "",
    labels: params.get("label") ?? "",
    search: params.get("q") ?? "",
    state: params.get("state") ?? "",
    sort: params.get("sort") ?? "priority_asc",
  };
  const view = params.get("view") === "list" ? "list" : "board";
  const [creating, setCreating] = useState(false);
  const catalog = useCatalog();
  const runs = useRuns();
  const key = JSON.stringify(f);
  const issues = useResource(
    () => api.get<Page<IssueSummary>>(`${APP}/issues${query({ issue_type: "standard", ...f, limit: 500 })}`),
    [key],
    ["change"],
    affectsWork,
  );
  const epics = (catalog.data?.epics ?? []).filter((e) => !f.project_id || e.project_id === f.project_id);
  const items = issues.data?.items ?? [];
  const runMap = runs.data ?? new Map();
  const onInput = (name: string) => (e: Event) => setParam(name, (e.target as HTMLInputElement).value);
  const filtered = Boolean(f.project_id || f.epic_id || f.labels || f.search || f.state);

  return html`<div class="page board-page">
    <header class="page-head row wrap">
      <h1>Work</h1>
      <div class="grow"></div>
      <div class="toggle" role="group" aria-label="View">
        <button class=${view === "board" ? "on" : ""} aria-pressed=${view === "board"} onClick=${() => setParam("view", undefined)}>Board</button>
        <button class=${view === "list" ? "on" : ""} aria-pressed=${view === "list"} onClick=${() => setParam("view", "list")}>List</button>
      </div>
      <button class="primary" onClick=${() => setCreating(true)} data-testid="new-issue">+ New issue</button>
    </header>
    <div class="filters" role="search">
      <input type="search" placeholder="Search identifier, title, description" aria-label="Search" value=${f.search} onInput=${onInput("q")} />
      <select aria-label="Project" value=${f.project_id} onChange=${(e: Event) => { setParam("epic", undefined); onInput("project")(e); }}>
        <option value="">All projects</option>${catalog.data?.projects.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>
      <select aria-label="Epic" value=${f.epic_id} onChange=${onInput("epic")}>
        <option value="">All epics</option>${epics.map((e) => html`<option value=${e.id}>${e.name}</option>`)}</select>
      <input aria-label="Label" placeholder="Label" value=${f.labels} onChange=${onInput("label")} class="narrow" />
      ${view === "list" ? html`<select aria-label="State" value=${f.state} onChange=${onInput("state")}><option value="">All states</option>${STATES.map((s) => html`<option value=${s}>${STATE_LABELS[s]}</option>`)}</select>` : null}
      <select aria-label="Sort" value=${f.sort} onChange=${onInput("sort")}>${Object.entries(SORTS).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
      ${filtered ? html`<button class="link" onClick=${() => ["project", "epic", "label", "q", "state"].forEach((p) => setParam(p, undefined))}>Clear filters</button>` : null}
    </div>
    <${ErrorNote} error=${issues.error} />
    ${issues.loading && !issues.data ? html`<${Loading} />`
      : view === "list" ? html`<${IssueTable} issues=${items} runs=${runMap} />`
      : html`<div class="lanes">${STATES.filter((s) => !f.state || s === f.state).map((s) => html`<${Lane} key=${s} state=${s} issues=${items.filter((i) => i.state === s)} runs=${runMap} />`)}</div>`}
    ${creating && catalog.data ? html`<${IssueForm} catalog=${catalog.data} defaults=${{ project_id: f.project_id || undefined, epic_id: f.epic_id || undefined }} onClose=${() => setCreating(false)} stay />` : null}
  </div>`;
}
