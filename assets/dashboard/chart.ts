// The 24-hour token chart: one SVG bar per hour, no library.
import { tokens } from "./format.ts";
import { html } from "./html.ts";
import type { RuntimeSeriesBucket } from "./types.ts";

/** `live`: tokens of the runs still going, which the hourly buckets count only once a run ends. */
export function TokenChart({ buckets, live }: { buckets: RuntimeSeriesBucket[]; live: number }) {
  const max = Math.max(1, ...buckets.map((b) => b.tokens));
  const total = buckets.reduce((n, b) => n + b.tokens, 0);
  const runs = buckets.reduce((n, b) => n + b.started, 0);
  const failed = buckets.reduce((n, b) => n + b.failed, 0);
  const w = 100 / Math.max(1, buckets.length);
  return html`<div class="chart">
    <div class="chart-stats">
      <div><strong>${tokens(total)}</strong><span class="muted">tokens, 24 h</span></div>
      <div><strong class=${live ? "info-text" : ""}>${tokens(live)}</strong><span class="muted">in live runs</span></div>
      <div><strong>${runs}</strong><span class="muted">runs started</span></div>
      <div><strong class=${failed ? "bad-text" : ""}>${failed}</strong><span class="muted">failed</span></div>
    </div>
    ${total === 0 && live === 0 ? html`<p class="muted small chart-note">No tokens spent in the last 24 hours.</p>` : null}
    <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label=${`Tokens per hour over the last ${buckets.length} hours`}>
      <line x1="0" y1="39.8" x2="100" y2="39.8" class="axis" />
      ${buckets.map((b, i) => {
        const h = b.tokens === 0 ? 0 : Math.max(1.5, (b.tokens / max) * 38);
        return html`<rect x=${i * w + w * 0.15} y=${40 - h} width=${w * 0.7} height=${h} rx="0.6" class="bar"><title>${b.bucket} UTC · ${tokens(b.tokens)} tokens · ${b.started} started</title></rect>`;
      })}
    </svg>
    <div class="chart-axis muted"><span>${buckets[0]?.bucket ?? ""}</span><span>UTC</span><span>${buckets.at(-1)?.bucket ?? ""}</span></div>
  </div>`;
}
