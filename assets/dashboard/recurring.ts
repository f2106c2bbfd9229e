// Recurring issues ("automations"): a schedule card for one issue, and the
// list of a project's recurring issues, each with its cron, next run, an
// enabled/paused toggle and Run now.
import { api, APP, issuePath, query } from "./api.ts";
import { ago, when } from "./format.ts";
import { html } from "./html.ts";
import { affectsWork } from "./affects.ts";
import { useResource } from "./live.ts";
import type { IssueDetail, IssueSummary, Page } from "./types.ts";
import { attempt, Badge, Empty, ErrorNote, Loading } from "./ui.ts";

/** Pauses or resumes the schedule; the server recomputes the next run. */
const setEnabled = (i: IssueDetail, enabled: boolean) =>
  attempt(() => api.patch(issuePath(i.identifier), { enabled }), `${i.identifier} ${enabled ? "enabled" : "paused"}`);

/** Enqueues one run now, whatever the schedule says. */
export const runNow = (identifier: string) => attempt(() => api.post(`${issuePath(identifier)}/run-now`), `Run of ${identifier} enqueued`);

export function ScheduleBadge({ issue }: { issue: IssueDetail }) {
  return issue.enabled ? html`<${Badge} tone="ok">Enabled<//>` : html`<${Badge} tone="warn">Paused<//>`;
}

/** Enable/pause as one switch-like button, and Run now. */
export function ScheduleActions({ issue, reload }: { issue: IssueDetail; reload: () => void }) {
  return html`<div class="row wrap schedule-actions">
    <button role="switch" aria-checked=${issue.enabled === true} aria-label=${`Schedule of ${issue.identifier} enabled`} data-testid="schedule-toggle"
      onClick=${() => setEnabled(issue, !issue.enabled).then(reload)}>${issue.enabled ? "Pause" : "Enable"}</button>
    <button onClick=${() => runNow(issue.identifier).then(reload)} data-testid="run-now">Run now</button>
  </div>`;
}

/** The schedule facts of a recurring issue. */
export function Schedule({ issue, reload }: { issue: IssueDetail; reload: () => void }) {
  return html`<div class="schedule" data-testid="schedule">
    <dl class="facts">
      <dt>Cron</dt><dd class="mono">${issue.cron}</dd>
      <dt>Status</dt><dd><${ScheduleBadge} issue=${issue} /></dd>
      <dt>Next run</dt><dd title=${when(issue.next_run_at)}>${issue.enabled && issue.next_run_at ? `${ago(issue.next_run_at)} · ${when(issue.next_run_at)}` : html`<span class="muted">Not scheduled</span>`}</dd>
      <dt>Last run</dt><dd title=${when(issue.last_enqueued_at)}>${issue.last_enqueued_at ? ago(issue.last_enqueued_at) : html`<span class="muted">Never</span>`}</dd>
    </dl>
    <${ScheduleActions} issue=${issue} reload=${reload} />
  </div>`;
}

/** A project's recurring issues, as details (the summaries do not carry the schedule). */
function useRecurring(projectId: string) {
  return useResource(async () => {
    const page = await api.get<Page<IssueSummary>>(`${APP}/issues${query({ project_id: projectId, issue_type: "recurring", sort: "identifier_asc", limit: 200 })}`);
    return Promise.all(page.items.map((i) => api.get<IssueDetail>(issuePath(i.identifier))));
  }, [projectId], ["change"], affectsWork);
}

export function RecurringList({ projectId }: { projectId: string }) {
  const list = useRecurring(projectId);
  if (list.error) return html`<${ErrorNote} error=${list.error} />`;
  if (!list.data) return html`<${Loading} />`;
  if (list.data.length === 0) return html`<${Empty}>No recurring issues. Create one with the issue form and the type "Recurring".<//>`;
  return html`<div class="table-wrap"><table class="table" data-testid="recurring-list">
    <thead><tr><th>Issue</th><th>Schedule</th><th class="hide-sm">Next run</th><th><span class="sr">Actions</span></th></tr></thead>
    <tbody>${list.data.map((i) => html`<tr key=${i.identifier} data-identifier=${i.identifier}>
      <td><a class="ident" href=${`/issues/${i.identifier}`}>${i.identifier}</a><div><a class="plain" href=${`/issues/${i.identifier}`}>${i.title}</a></div></td>
      <td><span class="mono nowrap">${i.cron}</span> <${ScheduleBadge} issue=${i} /></td>
      <td class="hide-sm muted" title=${when(i.next_run_at)}>${i.enabled && i.next_run_at ? ago(i.next_run_at) : "—"}</td>
      <td><${ScheduleActions} issue=${i} reload=${list.reload} /></td>
    </tr>`)}</tbody>
  </table></div>`;
}
