// The project and epic dialog: create or edit, name, description, and a
// project's repository and WORKFLOW.md paths.
import { useState } from "preact/hooks";
import { api, APP } from "./api.ts";
import { html } from "./html.ts";
import type { EpicSummary, ProjectSummary } from "./types.ts";
import { attempt, Dialog } from "./ui.ts";

export type Editing = { kind: "project"; item?: ProjectSummary } | { kind: "epic"; item?: EpicSummary; project_id: string };

/** Creates or edits a project or an epic; closes once the server accepts it. */
export function CatalogForm({ editing, onClose }: { editing: Editing; onClose: () => void }) {
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
