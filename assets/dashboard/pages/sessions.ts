// Sessions: live agent sessions with their last activity, and recent runs
// from the runtime events.
import { api, APP } from "../api.ts";
import { EventList } from "../events-list.ts";
import { ago, attemptLabel, duration, tokens, words } from "../format.ts";
import { html } from "../html.ts";
import { useResource } from "../live.ts";
import type { RuntimeEvent, RuntimeSnapshot, Session } from "../types.ts";
import { Badge, Empty, ErrorNote, Loading, Panel, useNow } from "../ui.ts";

const RUN_KINDS = new Set(["run_started", "run_completed", "run_failed", "run_unsuccessful", "run_interrupted", "retry_scheduled", "run_paused"]);

export function Sessions() {
  const now = useNow();
  const live = useResource<{ sessions: Record<string, Session> }>(() => api.get<{ sessions: Record<string, Session> }>(`${APP}/sessions`).catch(() => ({ sessions: {} })), [], ["runtime"]);
  const state = useResource(() => api.get<{ orchestrator: RuntimeSnapshot | { status: string } }>("/api/v1/state"), [], ["runtime"]);
  const events = useResource(() => api.get<{ events: RuntimeEvent[] }>("/api/v1/events?limit=200"), [], ["runtime"]);
  const snap = state.data && "running" in state.data.orchestrator ? state.data.orchestrator : undefined;
  const sessions = Object.values(live.data?.sessions ?? {});
  const started = new Map(snap?.running.map((r) => [r.identifier, r]) ?? []);
  const recent = (events.data?.events ?? []).filter((e) => RUN_KINDS.has(e.kind)).slice(-40);
  return html`<div class="page sessions-page">
    <header class="page-head"><h1>Sessions</h1><p class="muted">What each agent is doing now, and what ran lately.</p></header>
    <${ErrorNote} error=${live.error ?? events.error} />
    <${Panel} title=${`Live (${sessions.length})`}>
      ${!live.data ? html`<${Loading} />` : sessions.length === 0 ? html`<${Empty}>No agent is running.<//>` : html`<div class="session-grid" data-testid="sessions">
        ${sessions.map((s) => {
          const run = started.get(s.identifier);
          return html`<a class="session" href=${`/issues/${s.identifier}`} key=${s.identifier}>
            <div class="row"><span class="ident">${s.identifier}</span><span class="grow"></span>${run?.pending_interrupts ? html`<${Badge} tone="warn">Needs you<//>` : html`<span class="badge live-badge"><span class="pulse"></span>Active</span>`}</div>
            ${run ? html`<div class="clip">${run.title}</div>` : null}
            <div class="muted small">${words(s.phase)} · ${attemptLabel(s.attempt).toLowerCase()} · turn ${s.turns_started}${run ? ` · ${duration(now - Date.parse(run.started_at))}` : ""}</div>
            <p class="last clip2">${s.last_message ?? (s.last_event ? words(s.last_event.replaceAll("/", " ")) : "Starting…")}</p>
            <div class="row small"><span class="muted">pid ${s.pid ?? "—"}</span><span class="grow"></span><span class="muted">${ago(s.last_event_at, now)}</span><strong>${tokens(s.tokens.total_tokens)} tok</strong></div>
          </a>`;
        })}
      </div>`}
    <//>
    ${snap && (snap.retrying.length || snap.paused.length) ? html`<${Panel} title="Waiting">
      <ul class="plain-list">
        ${snap.retrying.map((r) => html`<li><a class="ident" href=${`/issues/${r.identifier}`}>${r.identifier}</a> <${Badge} tone="warn">Retry ${ago(r.due_at, now)}<//> <span class="muted">${r.error ?? words(r.delay_type)}</span></li>`)}
        ${snap.paused.map((r) => html`<li><a class="ident" href=${`/issues/${r.identifier}`}>${r.identifier}</a> <${Badge} tone="bad">Paused<//> <span class="muted">${r.error ?? words(r.reason)}</span></li>`)}
      </ul>
    <//>` : null}
    <${Panel} title="Recent runs">${events.data ? html`<${EventList} events=${recent} now=${now} empty="No runs yet." />` : html`<${Loading} />`}<//>
  </div>`;
}
