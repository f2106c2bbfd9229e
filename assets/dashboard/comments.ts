// Comments: threads rendered as Markdown (safely), add, reply, edit in
// place, delete. Files ride along as attachments (multipart), shown as
// thumbnails or download links, and can be removed while editing. A deleted
// comment that still has replies stays in the thread as "deleted".
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
type Send = (body: string, files: File[]) => Promise<boolean>;

/** Raster images show as thumbnails; anything else (SVG included) is a download link. */
const THUMBNAIL = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;

/** JSON, or multipart when files come along (the server reads "files" parts as attachments). */
function commentPayload(fields: Record<string, string | string[] | null>, files: File[]): unknown {
  if (files.length === 0) return fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : value === null ? [] : [value]) form.append(name, v);
  }
  for (const f of files) form.append("files", f, f.name);
  return form;
}

/** A Markdown textarea, files to attach, one submit button; `send` resolves true when the form may be cleared. */
function CommentForm({ initial = "", label, placeholder, send, onCancel, canSend, children }: {
  initial?: string; label: string; placeholder: string; send: Send; onCancel?: () => void; canSend?: (body: string, files: File[]) => boolean; children?: ComponentChildren;
}) {
  const [body, setBody] = useState(initial);
  const [files, setFiles] = useState<File[]>([]);
  const ready = canSend ? canSend(body, files) : body.trim() !== "" || files.length > 0;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (ready && (await send(body, files))) {
      setBody("");
      setFiles([]);
    }
  };
  const add = (list: FileList | null | undefined) => list?.length && setFiles([...files, ...Array.from(list)]);
  return html`<form class="composer" onSubmit=${submit} onPaste=${(e: ClipboardEvent) => add(e.clipboardData?.files)}>
    <textarea rows="3" placeholder=${placeholder} aria-label=${placeholder} value=${body} onInput=${(e: Event) => setBody((e.target as HTMLTextAreaElement).value)}></textarea>
    ${children}
    ${files.length ? html`<ul class="attachments pending" aria-label="Files to attach">${files.map((f, n) => html`<li key=${`${f.name}-${n}`}>
      <span class="file-tag" aria-hidden="true">NEW</span><span class="clip" title=${f.name}>${f.name}</span><span class="muted small">${bytes(f.size)}</span>
      <button type="button" class="link danger" aria-label=${`Do not attach ${f.name}`} onClick=${() => setFiles(files.filter((_, i) => i !== n))}>Remove</button></li>`)}</ul>` : null}
    <div class="row end">
      <label class="button attach"><input type="file" multiple class="sr" data-testid="comment-files" onChange=${(e: Event) => { const input = e.target as HTMLInputElement; add(input.files); input.value = ""; }} />+ Attach files</label>
      <span class="grow"></span>
      ${onCancel ? html`<button type="button" onClick=${onCancel}>Cancel</button>` : null}<button class="primary" type="submit" disabled=${!ready}>${label}</button></div>
  </form>`;
}

function Attachments({ base, items, removing, toggle }: { base: string; items: Attachment[]; removing?: string[]; toggle?: (id: string) => void }) {
  if (items.length === 0) return null;
  return html`<ul class="attachments" aria-label="Attachments">${items.map((a) => {
    const gone = removing?.includes(a.id) ?? false;
    const href = `${base}/attachments/${a.id}/content`;
    return html`<li key=${a.id} class=${gone ? "removing" : ""} data-testid="attachment">
      ${THUMBNAIL.test(a.content_type) ? html`<a href=${href} target="_blank" rel="noopener"><img class="thumb" src=${href} alt=${a.filename} loading="lazy" /></a>`
        : html`<span class="file-tag" aria-hidden="true">${a.filename.split(".").pop()?.slice(0, 4).toUpperCase() || "FILE"}</span>`}
      <a class="clip" href=${href} download=${a.filename} title=${`Download ${a.filename}`}>${a.filename}</a><span class="muted small">${bytes(a.byte_size)}</span>
      ${toggle ? html`<button type="button" class="link danger" aria-label=${`${gone ? "Keep" : "Remove"} ${a.filename}`} onClick=${() => toggle(a.id)}>${gone ? "Keep" : "Remove"}</button>` : null}
    </li>`;
  })}</ul>`;
}

function Editor({ c, base, onDone }: { c: IssueComment; base: string; onDone: () => void }) {
  const [removing, setRemoving] = useState<string[]>([]);
  const toggle = (id: string) => setRemoving(removing.includes(id) ? removing.filter((x) => x !== id) : [...removing, id]);
  const kept = c.attachments.length - removing.length;
  const send: Send = async (body, files) => {
    const ok = await attempt(() => api.patch(base, commentPayload({ body, remove_attachment_ids: removing }, files)), "Comment saved");
    if (ok) onDone();
    return ok;
  };
  return html`<${CommentForm} initial=${c.body} label="Save" placeholder="Edit the comment (Markdown)" send=${send} onCancel=${onDone}
    canSend=${(body: string, files: File[]) => body.trim() !== "" || kept + files.length > 0}>
    <${Attachments} base=${base} items=${c.attachments} removing=${removing} toggle=${toggle} />
  <//>`;
}

function Comment({ c, identifier, reload }: { c: IssueComment; identifier: string; reload: () => void }) {
  const [mode, setMode] = useState<"read" | "reply" | "edit">("read");
  const base = `${issuePath(identifier)}/comments/${c.id}`;
  const remove = () => confirm("Delete this comment?") && attempt(() => api.del(base), "Comment deleted").then(reload);
  const flip = (m: "reply" | "edit") => setMode(mode === m ? "read" : m);
  const edited = c.updated_at !== c.created_at && !c.deleted_at;
  const reply: Send = (body, files) => attempt(() => api.post(`${issuePath(identifier)}/comments`, commentPayload({ body, parent_comment_id: c.id }, files))).then((ok) => {
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
      : mode === "edit" ? html`<${Editor} c=${c} base=${base} onDone=${() => { setMode("read"); reload(); }} />`
      : html`${c.body ? html`<${Markdown} source=${c.body} />` : null}<${Attachments} base=${base} items=${c.attachments} />`}
    ${c.replies.length ? html`<ul class="replies">${c.replies.map((r) => html`<${Comment} key=${r.id} c=${r} identifier=${identifier} reload=${reload} />`)}</ul>` : null}
    ${mode === "reply" ? html`<${CommentForm} label="Reply" placeholder="Reply (Markdown)" send=${reply} onCancel=${() => setMode("read")} />` : null}
  </li>`;
}

export function Comments({ identifier }: { identifier: string }) {
  const list = useResource(() => api.get<{ items: IssueComment[] }>(`${issuePath(identifier)}/comments`), [identifier], ["change"], affectsComments(identifier));
  const items = list.data?.items ?? [];
  const add: Send = (body, files) => attempt(() => api.post(`${issuePath(identifier)}/comments`, commentPayload({ body }, files))).then((ok) => {
    if (ok) list.reload();
    return ok;
  });
  return html`<${Panel} title=${`Comments${items.length ? ` (${items.length})` : ""}`}>
    <${ErrorNote} error=${list.error} />
    ${items.length ? html`<ul class="comments">${items.map((c) => html`<${Comment} key=${c.id} c=${c} identifier=${identifier} reload=${list.reload} />`)}</ul>` : null}
    <${CommentForm} label="Comment" placeholder="Add a comment (Markdown)" send=${add} />
  <//>`;
}
