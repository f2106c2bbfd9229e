// Overview: state counts, active runs, the 24-hour token chart, pending
// interrupts, recent runtime events, daemon and workflow health.
import { api, APP } from "../api.ts";
import { TokenChart } from "../chart.ts";
import { EventList } from "../events-list.ts";
import { ago, attemptLabel, duration, tokens, words } from "../format.ts";
import { html } from "../html.ts";
import { InterruptCard } from "../interrupts.ts";
import { affectsWork } from "../affects.ts";
import { useResource } from "../live.ts";
import { STATE_LABELS, STATES, type Interrupt, type RuntimeEvent, type RuntimeSeriesBucket, type RuntimeSnapshot, type WorkflowHealth } from "../types.ts";
import { Badge, Empty, ErrorNote, Loading, Panel, useNow } from "../ui.ts";

interface StateAnswer {
  daemon: { version: string; pid: number; db_path: string; started_at: string };
  orchestrator: RuntimeSnapshot | { status: "not running" };
  workflows: WorkflowHealth[];
}

interface Bootstrap {
  overview: { board: { total: number; counts: Record<string, number> }; project_count: number; epic_count: number };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const isRunning = (o: StateAnswer["orchestrator"]): o is RuntimeSnapshot => o.status !== "not running";

function Counts({ counts }: { counts: Record<string, number> }) {
  return html`<div class="counts" data-testid="state-counts">
    ${STATES.map((s) => html`<a class=${`count state-${s}`} href=${`/board?state=${s}&view=list`}>
      <strong>${counts[s] ?? 0}</strong><span>${STATE_LABELS[s]}</span>
    </a>`)}
  </div>`;
}

function Runs({ snap, now }: { snap: RuntimeSnapshot; now: number }) {
  const rows = [
    ...snap.running.map((r) => ({ key: `r${r.identifier}`, id: r.identifier, title: r.title, tone: "info", status: "Running", phase: r.phase, attempt: r.attempt,
      detail: r.last_message ?? words(r.last_event?.replaceAll("/", " ")) ?? "", time: duration(now - Date.parse(r.started_at)), tokens: r.tokens.total_tokens, waiting: r.pending_interrupts })),
    ...snap.retrying.map((r) => ({ key: `t${r.identifier}`, id: r.identifier, title: "", tone: "warn", status: "Retrying", phase: r.phase, attempt: r.attempt,
      detail: r.error ?? words(r.delay_type), time: ago(r.due_at, now), tokens: undefined, waiting: 0 })),
    ...snap.paused.map((r) => ({ key: `p${r.identifier}`, id: r.identifier, title: "", tone: "bad", status: "Paused", phase: r.phase, attempt: r.attempt,
      detail: r.error ?? words(r.reason), time: ago(r.paused_at, now), tokens: undefined, waiting: 0 })),
  ];
  if (rows.length === 0) return html`<${Empty}>No runs right now. Move an issue to Ready and the orchestrator picks it up.<//>`;
  return html`<div class="table-wrap"><table class="table runs" data-testid="runs">
    <thead><tr><th>Issue</th><th>Status</th><th>Phase</th><th class="num">Attempt</th><th>Time</th><th class="num">Tokens</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr key=${r.key}>
      <td><a class="ident" href=${`/issues/${r.id}`}>${r.id}</a> <span class="clip">${r.title}</span><div class="muted clip small">${r.detail}</div></td>
      <td><${Badge} tone=${r.tone}>${r.status}<//>${r.waiting ? html` <${Badge} tone="warn">needs you<//>` : null}</td>
      <td>${words(r.phase)}</td><td class="num">${attemptLabel(r.attempt).replace(" attempt", "")}</td><td>${r.time}</td><td class="num">${r.tokens === undefined ? "—" : tokens(r.tokens)}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

function Health({ state, now }: { state: StateAnswer; now: number }) {
  const o = state.orchestrator;
  return html`<dl class="facts">
    <dt>Daemon</dt><dd>v${state.daemon.version} · pid ${state.daemon.pid} · up ${duration(now - Date.parse(state.daemon.started_at))}</dd>
    <dt>Database</dt><dd class="mono clip" title=${state.daemon.db_path}>${state.daemon.db_path}</dd>
    <dt>Orchestrator</dt><dd>${isRunning(o) ? html`${words(o.status)} · last pass ${ago(o.last_tick_at, now)} · ${o.totals.runs} runs, ${o.totals.failed} failed` : "Not running"}</dd>
    ${state.workflows.map((w) => html`<dt>${w.project_name}</dt><dd data-testid="workflow-health">
      ${w.ok ? html`<${Badge} tone="ok">WORKFLOW.md ok<//>` : html`<${Badge} tone="bad">WORKFLOW.md error<//>`}
      ${!w.ok && w.in_use ? html` <span class="muted">using the last good copy</span>` : null}
      ${w.error ? html`<pre class="error-text">${w.error}</pre>` : null}
      ${w.warnings.map((x) => html`<div class="warn-text small">${x}</div>`)}
    </dd>`)}
  </dl>`;
}

export function Overview() {
  const now = useNow();
  const state = useResource(() => api.get<StateAnswer>("/api/v1/state"), [], ["runtime"]);
  const boot = useResource(() => api.get<Bootstrap>(`${APP}/bootstrap`), [], ["change"], affectsWork);
  const series = useResource(() => api.get<{ buckets: RuntimeSeriesBucket[] }>(`${APP}/runtime/series?hours=24`).catch(() => ({ buckets: [] })), [], ["runtime"]);
  const events = useResource(() => api.get<{ events: RuntimeEvent[] }>("/api/v1/events?limit=30"), [], ["runtime"]);
  const interrupts = useResource(() => api.get<{ items: Interrupt[] }>(`${APP}/interrupts`).catch(() => ({ items: [] })), [], ["runtime"]);
  const snap = state.data && isRunning(state.data.orchestrator) ? state.data.orchestrator : undefined;
  const broken = state.data?.workflows.filter((w) => !w.ok) ?? [];
  return html`<div class="page overview">
    <header class="page-head"><h1>Overview</h1>
      ${boot.data ? html`<p class="muted">${plural(boot.data.overview.board.total, "issue")} across ${plural(boot.data.overview.project_count, "project")} and ${plural(boot.data.overview.epic_count, "epic")}</p>` : null}
    </header>
    ${broken.map((w) => html`<div class="alert bad" role="alert" data-testid="workflow-error"><strong>${w.project_name}: WORKFLOW.md has an error.</strong> ${w.error}</div>`)}
    <${ErrorNote} error=${state.error ?? boot.error} />
    ${boot.data ? html`<${Counts} counts=${boot.data.overview.board.counts} />` : html`<${Loading} />`}
    ${snap ? html`<div class="metrics">
      <div class="metric"><span>Running</span><strong>${snap.counts.running}</strong></div>
      <div class="metric"><span>Retrying</span><strong>${snap.counts.retrying}</strong></div>
      <div class="metric"><span>Paused</span><strong>${snap.counts.paused}</strong></div>
      <div class="metric"><span>Waiting for you</span><strong class=${snap.counts.interrupts ? "warn-text" : ""}>${snap.counts.interrupts}</strong></div>
    </div>` : null}
    ${interrupts.data?.items.length ? html`<${Panel} title="Waiting for you" class="attention">
      ${interrupts.data.items.map((i) => html`<${InterruptCard} key=${i.id} interrupt=${i} showIssue now=${now} onDone=${interrupts.reload} />`)}
    <//>` : null}
    <div class="grid two">
      <${Panel} title="Active runs">${snap ? html`<${Runs} snap=${snap} now=${now} />` : state.data ? html`<${Empty}>The orchestrator is not running.<//>` : html`<${Loading} />`}<//>
      <${Panel} title="Token spend">${series.data ? html`<${TokenChart} buckets=${series.data.buckets} live=${snap?.running.reduce((n, r) => n + r.tokens.total_tokens, 0) ?? 0} />` : html`<${Loading} />`}<//>
    </div>
    <div class="grid two">
      <${Panel} title="Recent events">${events.data ? html`<${EventList} events=${events.data.events.slice(-15)} now=${now} />` : html`<${Loading} />`}<//>
      <${Panel} title="Health">${state.data ? html`<${Health} state=${state.data} now=${now} />` : html`<${Loading} />`}<//>
    </div>
  </div>`;
}
