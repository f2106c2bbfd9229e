// The header's "waiting for you" badge: how many agent requests wait for an
// answer, linking to the issue of the oldest one. Refreshed on runtime notices.
import { api, APP } from "./api.ts";
import { html } from "./html.ts";
import { useResource } from "./live.ts";
import type { Interrupt } from "./types.ts";

export function InterruptBadge() {
  const pending = useResource(() => api.get<{ items: Interrupt[] }>(`${APP}/interrupts`), [], ["runtime"]);
  const items = pending.data?.items ?? [];
  if (items.length === 0) return null;
  const oldest = [...items].sort((a, b) => a.requested_at.localeCompare(b.requested_at))[0]!;
  const label = `${items.length} ${items.length === 1 ? "request waits" : "requests wait"} for your answer, oldest on ${oldest.identifier}`;
  return html`<a class="interrupt-badge" href=${`/issues/${oldest.identifier}`} data-testid="interrupt-badge" aria-label=${label} title=${label}>
    <span class="pulse" aria-hidden="true"></span><span>${items.length}</span><span class="hide-sm">waiting</span>
  </a>`;
}
