// Comments: threads rendered as Markdown (safely), add, reply, delete.
import { useState } from "preact/hooks";
import { api, issuePath } from "./api.ts";
import { ago, when } from "./format.ts";
import { html } from "./html.ts";
import { affectsComments } from "./affects.ts";
import { useResource } from "./live.ts";
import { Markdown } from "./markdown.ts";
import type { IssueComment } from "./types.ts";
import { attempt, ErrorNote, Panel } from "./ui.ts";

function Composer({ identifier, parent, onDone, placeholder = "Add a comment (Markdown)" }: { identifier: string; parent?: string; onDone: () => void; placeholder?: string }) {
  const [body, setBody] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) return;
    const ok = await attempt(() => api.post(`${issuePath(identifier)}/comments`, { body, parent_comment_id: parent ?? null }));
    if (ok) {
      setBody("");
      onDone();
    }
  };
  return html`<form class="composer" onSubmit=${submit}>
    <textarea rows="3" placeholder=${placeholder} aria-label=${placeholder} value=${body} onInput=${(e: Event) => setBody((e.target as HTMLTextAreaElement).value)}></textarea>
    <div class="row end"><button class="primary" type="submit" disabled=${!body.trim()}>${parent ? "Reply" : "Comment"}</button></div>
  </form>`;
}

function Comment({ c, identifier, reload }: { c: IssueComment; identifier: string; reload: () => void }) {
  const [replying, setReplying] = useState(false);
  const remove = () => confirm("Delete this comment?") && attempt(() => api.del(`${issuePath(identifier)}/comments/${c.id}`), "Comment deleted").then(reload);
  return html`<li class="comment">
    <header><strong>${c.author.name}</strong> <span class="muted small" title=${when(c.created_at)}>${ago(c.created_at)}</span>
      ${c.deleted_at ? null : html`<span class="grow"></span>
        ${c.parent_comment_id ? null : html`<button class="link" onClick=${() => setReplying(!replying)}>Reply</button>`}
        <button class="link danger" onClick=${remove}>Delete</button>`}
    </header>
    ${c.deleted_at ? html`<p class="muted">This comment was deleted.</p>` : html`<${Markdown} source=${c.body} />`}
    ${c.replies.length ? html`<ul class="replies">${c.replies.map((r) => html`<${Comment} key=${r.id} c=${r} identifier=${identifier} reload=${reload} />`)}</ul>` : null}
    ${replying ? html`<${Composer} identifier=${identifier} parent=${c.id} placeholder="Reply (Markdown)" onDone=${() => { setReplying(false); reload(); }} />` : null}
  </li>`;
}

export function Comments({ identifier }: { identifier: string }) {
  const list = useResource(() => api.get<{ items: IssueComment[] }>(`${issuePath(identifier)}/comments`), [identifier], ["change"], affectsComments(identifier));
  const items = list.data?.items ?? [];
  return html`<${Panel} title=${`Comments${items.length ? ` (${items.length})` : ""}`}>
    <${ErrorNote} error=${list.error} />
    ${items.length ? html`<ul class="comments">${items.map((c) => html`<${Comment} key=${c.id} c=${c} identifier=${identifier} reload=${list.reload} />`)}</ul>` : null}
    <${Composer} identifier=${identifier} onDone=${list.reload} />
  <//>`;
}
