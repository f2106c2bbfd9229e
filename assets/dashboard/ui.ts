// Small shared pieces: badges, dialogs, toasts, empty states.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "./api.ts";
import { html } from "./html.ts";
import { STATE_LABELS, type IssueState } from "./types.ts";

export function StateBadge({ state }: { state: IssueState }) {
  return html`<span class=${`badge state-${state}`}>${STATE_LABELS[state] ?? state}</span>`;
}

export function Badge({ tone = "", children, title }: { tone?: string; children: ComponentChildren; title?: string }) {
  return html`<span class=${`badge ${tone}`} title=${title}>${children}</span>`;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return html`<div class="empty">${children}</div>`;
}

export function Loading() {
  return html`<div class="loading" aria-busy="true"><span class="spinner"></span> Loading…</div>`;
}

export function ErrorNote({ error }: { error: string | undefined }) {
  return error ? html`<div class="error-note" role="alert">${error}</div>` : null;
}

/** A modal dialog (native <dialog>): Escape and the close button both call onClose. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return html`<dialog ref=${ref} class=${wide ? "wide" : ""} onCancel=${(e: Event) => { e.preventDefault(); onClose(); }}>
    <header class="dialog-head"><h2>${title}</h2><button class="icon" type="button" aria-label="Close" onClick=${onClose}>✕</button></header>
    ${children}
  </dialog>`;
}

interface Toast {
  id: number;
  text: string;
  tone: "ok" | "bad";
}
let toasts: Toast[] = [];
let nextToast = 1;
const toastListeners = new Set<() => void>();

/** Shows a short message at the bottom of the screen for a few seconds. */
export function toast(text: string, tone: "ok" | "bad" = "ok"): void {
  const t = { id: nextToast++, text, tone };
  toasts = [...toasts, t];
  for (const l of toastListeners) l();
  setTimeout(() => {
    toasts = toasts.filter((x) => x.id !== t.id);
    for (const l of toastListeners) l();
  }, tone === "bad" ? 7000 : 3500);
}

/** Runs an action, toasting its failure (and `done` on success). Returns whether it worked. */
export async function attempt(action: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await action();
    if (done) toast(done);
    return true;
  } catch (err) {
    toast(describeError(err), "bad");
    return false;
  }
}

export function Toasts() {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    toastListeners.add(l);
    return () => void toastListeners.delete(l);
  }, []);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${toasts.map((t) => html`<div key=${t.id} class=${`toast ${t.tone}`}>${t.text}</div>`)}
  </div>`;
}

/** A titled panel. */
export function Panel({ title, actions, children, class: cls = "" }: { title?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; class?: string }) {
  return html`<section class=${`panel ${cls}`}>
    ${title || actions ? html`<header class="panel-head"><h2>${title}</h2><div class="actions">${actions}</div></header>` : null}
    ${children}
  </section>`;
}

/** A ticking clock for elapsed times, re-rendering every second while mounted. */
export function useNow(every = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(t);
  }, [every]);
  return now;
}
