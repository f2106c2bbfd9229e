// How numbers and times read on screen.

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function tokens(n: number | null | undefined): string {
  const v = n ?? 0;
  if (v < 1000) return String(v);
  if (v < 1_000_000) return `${(v / 1000).toFixed(v < 10_000 ? 1 : 0)}k`;
  return `${(v / 1_000_000).toFixed(1)}M`;
}

/** 75_000 → "1m 15s". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}

/** "just now", "5m ago", "3h ago", "in 20s", or a date for older times. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  const d = now - t;
  if (Math.abs(d) < 10_000) return "just now";
  if (d < 0) return `in ${duration(-d)}`;
  if (d < 3_600_000) return `${duration(d).split(" ")[0]} ago`;
  if (d < 86_400_000) return `${Math.floor(d / 3_600_000)}h ago`;
  return new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

/** A local time for titles and tooltips. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "";
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "in_progress" → "In progress". */
export function words(s: string | null | undefined): string {
  if (!s) return "";
  const t = s.replaceAll("_", " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The orchestrator counts the first run as attempt 0 and retries from 1. */
export function attemptLabel(n: number | null | undefined): string {
  return !n ? "First attempt" : `Retry ${n}`;
}
