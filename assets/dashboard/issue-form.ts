// The issue composer: one dialog for create and edit, every field the API
// takes, including a recurring issue's schedule. The server's refusal (a bad
// cron, an unknown blocker) shows inside the form, next to what to fix.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, APP, describeError, issuePath } from "./api.ts";
import type { Catalog } from "./catalog.ts";
import { html } from "./html.ts";
import { navigate } from "./router.ts";
import { STATE_LABELS, STATES, type IssueDetail, type IssueState } from "./types.ts";
import { Dialog, ErrorNote, toast } from "./ui.ts";

interface Draft {
  title: string;
  project_id: string;
  epic_id: string;
  state: IssueState;
  priority: string;
  labels: string;
  blocked_by: string;
  branch_name: string;
  pr_url: string;
  agent_prompt: string;
  permission_profile: string;
  description: string;
  issue_type: "standard" | "recurring";
  cron: string;
  enabled: boolean;
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

function draftOf(issue: IssueDetail | undefined, catalog: Catalog, defaults: Partial<Draft>): Draft {
  return {
    title: issue?.title ?? "",
    project_id: issue?.project_id ?? defaults.project_id ?? catalog.projects[0]?.id ?? "",
    epic_id: issue?.epic_id ?? defaults.epic_id ?? "",
    state: issue?.state ?? defaults.state ?? "backlog",
    priority: issue ? String(issue.priority) : "0",
    labels: issue?.labels.join(", ") ?? "",
    blocked_by: issue?.blocked_by.join(", ") ?? "",
    branch_name: issue?.branch_name ?? "",
    pr_url: issue?.pr_url ?? "",
    agent_prompt: issue?.agent_prompt ?? "",
    permission_profile: issue?.permission_profile ?? "default",
    description: issue?.description ?? "",
    issue_type: issue?.issue_type ?? defaults.issue_type ?? "standard",
    cron: issue?.cron ?? "",
    enabled: issue?.enabled ?? true,
  };
}

/** Create (no `issue`) or edit an issue; on create, opens the new issue unless `stay`. */
export function IssueForm({ issue, catalog, defaults = {}, onClose, stay }: { issue?: IssueDetail; catalog: Catalog; defaults?: Partial<Draft>; onClose: () => void; stay?: boolean }) {
  const [d, setD] = useState<Draft>(() => draftOf(issue, catalog, defaults));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  // The form scrolls inside its dialog: bring the refusal into view.
  useEffect(() => form.current?.querySelector("[role=alert]")?.scrollIntoView({ block: "nearest" }), [error]);
  const set = (k: keyof Draft) => (e: Event) => setD({ ...d, [k]: (e.target as HTMLInputElement).value });
  const epics = catalog.epics.filter((e) => e.project_id === d.project_id);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      title: d.title,
      project_id: d.project_id,
      epic_id: d.epic_id || null,
      priority: Number(d.priority) || 0,
      labels: list(d.labels),
      blocked_by: list(d.blocked_by),
      branch_name: d.branch_name || null,
      pr_url: d.pr_url || null,
      agent_prompt: d.agent_prompt || null,
      permission_profile: d.permission_profile,
      description: d.description,
      issue_type: d.issue_type,
      // Only recurring issues take a schedule; the server refuses one on a standard issue.
      ...(d.issue_type === "recurring" ? { cron: d.cron, enabled: d.enabled } : {}),
    };
    let created: IssueDetail | undefined;
    try {
      if (issue) await api.patch(issuePath(issue.identifier), body);
      else created = await api.post<IssueDetail>(`${APP}/issues`, { ...body, state: d.state });
    } catch (err) {
      setError(describeError(err));
      return;
    } finally {
      setBusy(false);
    }
    if (issue) toast("Issue saved");
    onClose();
    if (created && !stay) navigate(`/issues/${created.identifier}`);
  };

  if (catalog.projects.length === 0) {
    return html`<${Dialog} title="New issue" onClose=${onClose}><p>Create a project first: issues belong to a project.</p>
      <div class="row end"><a class="button primary" href="/projects" onClick=${onClose}>Go to projects</a></div><//>`;
  }
  return html`<${Dialog} title=${issue ? `Edit ${issue.identifier}` : "New issue"} onClose=${onClose} wide>
    <form class="form" ref=${form} onSubmit=${submit} data-testid="issue-form">
      <label class="field span2"><span>Title</span><input name="title" required autofocus value=${d.title} onInput=${set("title")} /></label>
      <label class="field"><span>Project</span><select name="project" value=${d.project_id} onChange=${(e: Event) => setD({ ...d, project_id: (e.target as HTMLSelectElement).value, epic_id: "" })}>
        ${catalog.projects.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select></label>
      <label class="field"><span>Epic</span><select name="epic" value=${d.epic_id} onChange=${set("epic_id")}>
        <option value="">No epic</option>${epics.map((e) => html`<option value=${e.id}>${e.name}</option>`)}</select></label>
      ${issue ? null : html`<label class="field"><span>State</span><select name="state" value=${d.state} onChange=${set("state")}>
        ${STATES.map((s) => html`<option value=${s}>${STATE_LABELS[s]}</option>`)}</select></label>`}
      <label class="field"><span>Type</span><select name="issue_type" value=${d.issue_type} onChange=${set("issue_type")}>
        <option value="standard">Standard</option><option value="recurring">Recurring (runs on a schedule)</option></select></label>
      ${d.issue_type === "recurring" ? html`<label class="field"><span>Schedule <span class="muted">(cron, daemon's local time)</span></span><input name="cron" required class="mono" placeholder="0 9 * * 1-5" value=${d.cron} onInput=${set("cron")} /></label>
        <label class="field check"><input type="checkbox" name="enabled" checked=${d.enabled} onChange=${(e: Event) => setD({ ...d, enabled: (e.target as HTMLInputElement).checked })} /><span>Enabled: runs when the schedule comes round</span></label>` : null}
      <label class="field"><span>Priority</span><select name="priority" value=${d.priority} onChange=${set("priority")}>
        <option value="0">None</option><option value="1">1 · Urgent</option><option value="2">2 · High</option><option value="3">3 · Medium</option><option value="4">4 · Low</option></select></label>
      <label class="field"><span>Labels</span><input name="labels" placeholder="bug, ui" value=${d.labels} onInput=${set("labels")} /></label>
      <label class="field"><span>Blocked by</span><input name="blocked_by" placeholder="DEMO-1, DEMO-4" value=${d.blocked_by} onInput=${set("blocked_by")} /></label>
      <label class="field"><span>Branch</span><input name="branch" placeholder="maestro/DEMO-1" value=${d.branch_name} onInput=${set("branch_name")} /></label>
      <label class="field"><span>Pull request URL</span><input name="pr_url" type="url" value=${d.pr_url} onInput=${set("pr_url")} /></label>
      <label class="field"><span>Agent permissions</span><select name="permission_profile" value=${d.permission_profile} onChange=${set("permission_profile")}>
        <option value="default">Default</option><option value="full-access">Full access</option><option value="plan-then-full-access">Plan, then full access</option></select></label>
      <label class="field span2"><span>Description <span class="muted">(Markdown)</span></span><textarea name="description" rows="7" value=${d.description} onInput=${set("description")}></textarea></label>
      <label class="field span2"><span>Agent prompt <span class="muted">(optional, added to the workflow's prompt)</span></span><textarea name="agent_prompt" rows="3" value=${d.agent_prompt} onInput=${set("agent_prompt")}></textarea></label>
      <div class="span2"><${ErrorNote} error=${error} /></div>
      <div class="row end span2"><button type="button" onClick=${onClose}>Cancel</button><button class="primary" type="submit" disabled=${busy}>${issue ? "Save" : "Create issue"}</button></div>
    </form>
  <//>`;
}
