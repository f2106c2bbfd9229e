/** A duration for people: "850ms", "12s", "3m 4s", "2h 5m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** How long ago an ISO time was, e.g. "12s ago"; "-" for none. */
export function ago(iso: string | null | undefined, now: number): string {
  if (!iso) return "-";
  return `${formatDuration(Math.max(0, now - Date.parse(iso)))} ago`;
}

/** How long until an ISO time, e.g. "in 9s"; "now" once due. */
export function dueIn(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  return ms <= 0 ? "now" : `in ${formatDuration(ms)}`;
}

/** The first line of a text, cut to `max` characters with an ellipsis. */
export function shorten(text: string | null | undefined, max = 80): string {
  if (!text) return "-";
  const line = text.trim().split(/\r?\n/)[0] ?? "";
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
