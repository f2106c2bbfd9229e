// A stacked bar of issue counts per state, with its legend.
import { html } from "./html.ts";
import { STATE_LABELS, STATES } from "./types.ts";

export function StateBar({ counts, total }: { counts: Record<string, number>; total: number }) {
  return html`<div class="bar-wrap"><div class="stack" aria-hidden="true">
      ${STATES.map((s) => (counts[s] ? html`<span class=${`seg state-${s}`} style=${`flex:${counts[s]}`}></span>` : null))}
      ${total === 0 ? html`<span class="seg none" style="flex:1"></span>` : null}
    </div>
    <div class="legend small">${STATES.filter((s) => counts[s]).map((s) => html`<span><i class=${`dot state-${s}`}></i>${counts[s]} ${STATE_LABELS[s]}</span>`)}${total === 0 ? html`<span class="muted">No issues yet</span>` : null}</div>
  </div>`;
}
