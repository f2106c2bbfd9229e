// Comments: threads rendered as Markdown (safely), add, reply, edit in
// place (body, and removing attachments), delete. A deleted comment that
// still has replies stays in the thread as "deleted".
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api, issuePath } from "./api.ts";
import { ago, bytes, when } from "./format.ts";
import { html } from "./html.ts";
import { affectsComments } from "./affects.ts";
import { useResource } from "./live.ts";
import { Markdown } from "./markdown.ts";
import type { IssueComment } from "./types.ts";
import { attempt, ErrorNote, Panel } from "./ui.ts";

type Attachment = IssueComment["attachments"][number];

/** A Markdown textarea with one submit button; `send` resolves true when the text may be cleared. */
function CommentForm({ initial = "", label, placeholder, send, onCancel, canSend, children }: {
  initial?: string; label: string; placeholder: string; send: (body: string) => Promise<boolean>; onCancel?: () => void; canSend?: (body: string) => boolean; children?: ComponentChildren;
}) {
  const [body, setBody] = useState(initial);
  const ready = canSend ? canSend(body) : body.trim() !== "";
  const submit = async (e: Event) => {
    e.preventDefault();
    if (ready && (await send(body))) setBody("");
  };
  return html`<form class="composer" onSubmit=${submit}>
    <textarea rows="3" placeholder=${placeholder} aria-label=${placeholder} value=${body} onInput=${(e: Event) => setBody((e.target as HTMLTextAreaElement).value)}></textarea>
    ${children}
    <div class="row end">${onCancel ? html`<button type="button" onClick=${onCancel}>Cancel</button>` : null}<button class="primary" type="submit" disabled=${!ready}>${label}</button></div>
  </form>`;
}

function Attachments({ items, removing, toggle }: { items: Attachment[]; removing?: string[]; toggle?: (id: string) => void }) {
  if (items.length === 0) return null;
  return html`<ul class="attachments" aria-label="Attachments">${items.map((a) => {
    const gone = removing?.includes(a.id) ?? false;
    return html`<li key=${a.id} class=${gone ? "removing" : ""} data-testid="attachment">
      <span class="file-tag" aria-hidden="true">${a.filename.split(".").pop()?.slice(0, 4).toUpperCase() || "FILE"}</span>
      <span class="clip" title=${a.filename}>${a.filename}</span><span class="muted small">${bytes(a.byte_size)}</span>
      ${toggle ? html`<button type="button" class="link danger" aria-label=${`${gone ? "Keep" : "Remove"} ${a.filename}`} onClick=${() => toggle(a.id)}>${gone ? "Keep" : "Remove"}</button>` : null}
    </li>`;
  })}</ul>`;
}

function Editor({ c, identifier, onDone }: { c: IssueComment; identifier: string; onDone: () => void }) {
  const [removing, setRemoving] = useState<string[]>([]);
  const toggle = (id: string) => setRemoving(removing.includes(id) ? removing.filter((x) => x !== id) : [...removing, id]);
  const kept = c.attachments.length - removing.length;
  const send = async (body: string) => {
    const ok = await attempt(() => api.patch(`${issuePath(identifier)}/comments/${c.id}`, { body, remove_attachment_ids: removing }), "Comment saved");
    if (ok) onDone();
    return ok;
  };
  return html`<${CommentForm} initial=${c.body} label="Save" placeholder="Edit the comment (Markdown)" send=${send} onCancel=${onDone}
    canSend=${(body: string) => body.trim() !== "" || kept > 0}>
    <${Attachments} items=${c.attachments} removing=${removing} toggle=${toggle} />
  <//>`;
}

function Comment({ c, identifier, reload }: { c: IssueComment; identifier: string; reload: () => void }) {
  const [mode, setMode] = useState<"read" | "reply" | "edit">("read");
  const remove = () => confirm("Delete this comment?") && attempt(() => api.del(`${issuePath(identifier)}/comments/${c.id}`), "Comment deleted").then(reload);
  const flip = (m: "reply" | "edit") => setMode(mode === m ? "read" : m);
  const edited = c.updated_at !== c.created_at && !c.deleted_at;
  const reply = (body: string) => attempt(() => api.post(`${issuePath(identifier)}/comments`, { body, parent_comment_id: c.id })).then((ok) => {
    if (ok) {
      setMode("read");
      reload();
    }
    return ok;
  });
  return html`<li class="comment" data-testid="comment" data-comment-id=${c.id}>
    <header><strong>${c.author.name}</strong> <span class="muted small" title=${when(c.created_at)}>${ago(c.created_at)}${edited ? html` · <span title=${when(c.updated_at)}>edited</span>` : null}</span>
      ${c.deleted_at ? null : html`<span class="grow"></span>
        ${c.parent_comment_id ? null : html`<button class="link" onClick=${() => flip("reply")}>Reply</button>`}
        <button class="link" onClick=${() => flip("edit")}>Edit</button>
        <button class="link danger" onClick=${remove}>Delete</button>`}
    </header>
    ${c.deleted_at ? html`<p class="muted">This comment was deleted.</p>`
      : mode === "edit" ? html`<${Editor} c=${c} identifier=${identifier} onDone=${() => { setMode("read"); reload(); }} />`
      : html`${c.body ? html`<${Markdown} source=${c.body} />` : null}<${Attachments} items=${c.attachments} />`}
    ${c.replies.length ? html`<ul class="replies">${c.replies.map((r) => html`<${Comment} key=${r.id} c=${r} identifier=${identifier} reload=${reload} />`)}</ul>` : null}
    ${mode === "reply" ? html`<${CommentForm} label="Reply" placeholder="Reply (Markdown)" send=${reply} onCancel=${() => setMode("read")} />` : null}
  </li>`;
}

export function Comments({ identifier }: { identifier: string }) {
  const list = useResource(() => api.get<{ items: IssueComment[] }>(`${issuePath(identifier)}/comments`), [identifier], ["change"], affectsComments(identifier));
  const items = list.data?.items ?? [];
  const add = (body: string) => attempt(() => api.post(`${issuePath(identifier)}/comments`, { body })).then((ok) => {
    if (ok) list.reload();
    return ok;
  });
  return html`<${Panel} title=${`Comments${items.length ? ` (${items.length})` : ""}`}>
    <${ErrorNote} error=${list.error} />
    ${items.length ? html`<ul class="comments">${items.map((c) => html`<${Comment} key=${c.id} c=${c} identifier=${identifier} reload=${list.reload} />`)}</ul>` : null}
    <${CommentForm} label="Comment" placeholder="Add a comment (Markdown)" send=${add} />
  <//>`;
}
