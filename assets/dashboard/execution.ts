// The execution panel of an issue: status, phase, attempt, retry or pause
// with its reason, tokens, pending interrupts, retry, and the
// live transcript.
import { api, issuePath } from "./api.ts";
import { ago, attemptLabel, duration, tokens, words } from "./format.ts";
import { html } from "./html.ts";
import { InterruptCard } from "./interrupts.ts";
import { useResource } from "./live.ts";
import { Transcript } from "./transcript.ts";
import type { Execution, IssueDetail } from "./types.ts";
import { attempt, Badge, ErrorNote, Loading, Panel, useNow } from "./ui.ts";

const TONE: Record<Execution["status"], string> = { running: "info", retrying: "warn", paused: "bad", idle: "" };

export function ExecutionPanel({ issue }: { issue: IssueDetail }) {
  const now = useNow();
  // Refetched at once when the stream names this issue's live session (a new transcript item).
  const exec = useResource(() => api.get<Execution>(`${issuePath(issue.identifier)}/execution`), [issue.identifier], ["runtime"], undefined, issue.id);
  const x = exec.data;
  const retry = () => attempt(() => api.post(`${issuePath(issue.identifier)}/retry`), `${issue.identifier} queued to run again`).then(exec.reload);
  const actions = html`
    ${x && !x.active && (x.status !== "idle" || x.last_result !== null)
      ? html`<button onClick=${retry} title="Lift a pause, bring a retry forward, or run finished work again">${x.status === "paused" ? "Resume" : "Retry now"}</button>`
      : null}`;
  return html`<${Panel} title="Execution" actions=${actions} class="execution">
    <${ErrorNote} error=${exec.error} />
    ${!x ? html`<${Loading} />` : html`
      <div class="exec-status" data-testid="exec-status">
        <${Badge} tone=${TONE[x.status]}>${x.status === "running" ? html`<span class="pulse"></span>` : null}${words(x.status)}<//>
        ${x.phase ? html`<span>Phase <strong>${words(x.phase)}</strong></span>` : null}
        ${x.attempt !== null ? html`<span><strong>${attemptLabel(x.attempt)}</strong></span>` : null}
        ${x.session ? html`<span>Turns <strong>${x.session.turns_completed}/${x.session.turns_started}</strong></span>` : null}
        <span>Session <strong>${tokens(x.session?.tokens?.total_tokens ?? 0)}</strong> tok</span>
        <span>Lifetime <strong>${tokens(x.tokens_spent)}</strong> tok</span>
        ${x.active && x.started_at ? html`<span>Elapsed <strong>${duration(now - Date.parse(x.started_at))}</strong></span>` : null}
      </div>
      ${x.retry ? html`<div class="alert warn">Retry ${x.retry.attempt} ${ago(x.retry.due_at, now)} (${words(x.retry.delay_type)})${x.error ? html`: <span class="mono">${x.error}</span>` : null}</div>` : null}
      ${x.pause ? html`<div class="alert bad">Paused: ${words(x.pause.reason)}${x.error ? html` — <span class="mono">${x.error}</span>` : null}. Press Resume to run it again.</div>` : null}
      ${!x.retry && !x.pause && x.error ? html`<div class="alert bad">Last run: ${words(x.failure ?? x.last_result)} — <span class="mono">${x.error}</span></div>` : null}
      ${x.workspace_path ? html`<div class="muted small mono clip" title=${x.workspace_path}>Workspace ${x.workspace_path}</div>` : null}
      ${x.pending_interrupts.map((i) => html`<${InterruptCard} key=${i.id} interrupt=${i} now=${now} onDone=${exec.reload} />`)}
      <h3 class="sub">Transcript ${x.session_source === "live" ? html`<${Badge} tone="info">live<//>` : x.session_source === "persisted" ? html`<span class="muted small">last session</span>` : null}</h3>
      <${Transcript} history=${x.session?.history ?? []} live=${x.active} />
    `}
  <//>`;
}
