// Pending interrupts with their answers: approve / deny for approvals, a
// text answer per question for user input, accept / decline otherwise.
import { useState } from "preact/hooks";
import { api, APP } from "./api.ts";
import { ago, words } from "./format.ts";
import { html } from "./html.ts";
import type { Interrupt } from "./types.ts";
import { attempt } from "./ui.ts";

interface Question {
  id: string;
  header?: string;
  question?: string;
  options?: { label: string; description?: string }[];
}

const respond = (id: string, body: Record<string, unknown>) =>
  api.post(`${APP}/interrupts/${encodeURIComponent(id)}/respond`, body);

function questionsOf(i: Interrupt): Question[] {
  const qs = i.params.questions;
  return Array.isArray(qs) ? (qs as Question[]).filter((q) => typeof q?.id === "string") : [];
}

function Answers({ interrupt, onDone }: { interrupt: Interrupt; onDone: () => void }) {
  const questions = questionsOf(interrupt);
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(() => respond(interrupt.id, { answers: values }), "Answer sent").then((ok) => ok && onDone());
  };
  return html`<form class="answers" onSubmit=${submit}>
    ${questions.map((q) => html`<label class="field">
      <span>${q.header ? html`<strong>${q.header}: </strong>` : null}${q.question ?? q.id}</span>
      ${q.options?.length
        ? html`<select required value=${values[q.id] ?? ""} onChange=${(e: Event) => setValues({ ...values, [q.id]: (e.target as HTMLSelectElement).value })}>
            <option value="" disabled>Choose…</option>
            ${q.options.map((o) => html`<option value=${o.label}>${o.label}${o.description ? ` — ${o.description}` : ""}</option>`)}
          </select>`
        : html`<input required value=${values[q.id] ?? ""} onInput=${(e: Event) => setValues({ ...values, [q.id]: (e.target as HTMLInputElement).value })} />`}
    </label>`)}
    <div class="row"><button class="primary" type="submit">Send answer</button>
    <button type="button" onClick=${() => attempt(() => respond(interrupt.id, { decision: "cancel" }), "Declined").then((ok) => ok && onDone())}>Decline</button></div>
  </form>`;
}

/** One interrupt card. `showIssue` adds the issue link (for lists spanning issues). */
export function InterruptCard({ interrupt, showIssue, now, onDone }: { interrupt: Interrupt; showIssue?: boolean; now: number; onDone: () => void }) {
  const decide = (decision: string, label: string) => attempt(() => respond(interrupt.id, { decision }), label).then((ok) => ok && onDone());
  const act = (action: string, label: string) => attempt(() => respond(interrupt.id, { action }), label).then((ok) => ok && onDone());
  const command = typeof interrupt.params.command === "string" ? interrupt.params.command : undefined;
  const reason = typeof interrupt.params.reason === "string" ? interrupt.params.reason : undefined;
  return html`<article class="interrupt" data-testid="interrupt">
    <header>
      <span class="badge warn">${words(interrupt.kind)}</span>
      ${showIssue ? html`<a class="ident" href=${`/issues/${interrupt.identifier}`}>${interrupt.identifier}</a> <span class="muted">${interrupt.title}</span>` : null}
      <time class="muted">${ago(interrupt.requested_at, now)}</time>
    </header>
    ${command
      ? html`<p class="summary">${reason ?? "Run this command?"}</p><pre class="cmd"><code>$ ${command}</code></pre>`
      : html`<p class="summary">${interrupt.summary}</p>${reason && reason !== interrupt.summary ? html`<p class="muted">Reason: ${reason}</p>` : null}`}
    ${interrupt.kind === "user_input"
      ? html`<${Answers} interrupt=${interrupt} onDone=${onDone} />`
      : interrupt.kind === "elicitation"
        ? html`<div class="row"><button class="primary" onClick=${() => act("accept", "Accepted")}>Accept</button><button onClick=${() => act("decline", "Declined")}>Decline</button></div>`
        : html`<div class="row">
            <button class="primary" onClick=${() => decide("accept", "Approved")}>Approve</button>
            <button onClick=${() => decide("acceptForSession", "Approved for this session")}>Approve for session</button>
            <button class="danger" onClick=${() => decide("decline", "Denied")}>Deny</button>
          </div>`}
  </article>`;
}
