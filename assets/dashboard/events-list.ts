// Runtime events as a compact, readable feed.
import { ago, when, words } from "./format.ts";
import { html } from "./html.ts";
import type { RuntimeEvent } from "./types.ts";
import { Empty } from "./ui.ts";

const TONE: Record<string, string> = {
  run_completed: "ok",
  run_failed: "bad",
  run_unsuccessful: "bad",
  run_interrupted: "warn",
  retry_scheduled: "warn",
  run_paused: "warn",
  interrupt_requested: "warn",
  run_started: "info",
  workflow_invalid: "bad",
  workflow_fixed: "ok",
  interrupt_answered: "ok",
};

/** Newest first; each line links to its issue. */
export function EventList({ events, now, empty = "No runtime events yet." }: { events: RuntimeEvent[]; now: number; empty?: string }) {
  if (events.length === 0) return html`<${Empty}>${empty}<//>`;
  return html`<ol class="events">
    ${[...events].reverse().map((e) => html`<li key=${e.seq}>
      <span class=${`dot ${TONE[e.kind] ?? ""}`} aria-hidden="true"></span>
      <span class="ev-kind">${words(e.kind)}</span>
      ${e.identifier ? html`<a class="ident" href=${`/issues/${e.identifier}`}>${e.identifier}</a>` : html`<span></span>`}
      <span class="ev-msg">${e.message ?? ""}</span>
      <time class="muted" title=${when(e.ts)}>${ago(e.ts, now)}</time>
    </li>`)}
  </ol>`;
}
