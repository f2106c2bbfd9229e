// A small Markdown renderer that builds Preact vnodes, never HTML strings:
// every piece of text is a text node, so `<script>` in a description shows
// as text. Links keep only http(s), mailto and same-site targets.
import type { VNode } from "preact";
import { html } from "./html.ts";

type Inline = string | VNode;

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|(?<![\w])_[^_\s][^_]*_(?![\w]))|(\[[^\]]+\]\([^)\s]+\))|(https?:\/\/[^\s<)]+)/;

function inline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const tok = m[0];
    if (m[1]) out.push(html`<code>${tok.slice(1, -1)}</code>`);
    else if (m[2]) out.push(html`<strong>${inline(tok.slice(2, -2))}</strong>`);
    else if (m[3]) out.push(html`<em>${inline(tok.slice(1, -1))}</em>`);
    else if (m[4]) {
      const split = tok.indexOf("](");
      const label = tok.slice(1, split);
      const href = tok.slice(split + 2, -1);
      out.push(SAFE_HREF.test(href) ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : `${label} (${href})`);
    } else out.push(html`<a href=${tok} target="_blank" rel="noopener noreferrer">${tok}</a>`);
    rest = rest.slice(m.index + tok.length);
  }
  return out;
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+/;

/** Renders `source` as block vnodes: headings, paragraphs, lists, quotes, code fences, rules. */
export function markdown(source: string): VNode[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: VNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith("```")) body.push(lines[i++]!);
      i++;
      blocks.push(html`<pre><code>${body.join("\n")}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1]!.length + 2);
      blocks.push(html`<${`h${level}`}>${inline(heading[2]!)}<//>`);
      i++;
      continue;
    }
    if (/^\s*(-\s*){3,}$|^\s*(\*\s*){3,}$|^\s*(_\s*){3,}$/.test(line)) {
      blocks.push(html`<hr />`);
      i++;
      continue;
    }
    if (line.startsWith(">")) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.startsWith(">")) body.push(lines[i++]!.replace(/^>\s?/, ""));
      blocks.push(html`<blockquote>${markdown(body.join("\n"))}</blockquote>`);
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (i < lines.length && LIST_ITEM.test(lines[i]!)) {
        const text = lines[i]!.replace(LIST_ITEM, "");
        const task = /^\[([ xX])\]\s+(.*)$/.exec(text);
        items.push(task ? [html`<input type="checkbox" disabled checked=${task[1] !== " "} /> `, ...inline(task[2]!)] : inline(text));
        i++;
      }
      const lis = items.map((it) => html`<li>${it}</li>`);
      blocks.push(ordered ? html`<ol>${lis}</ol>` : html`<ul>${lis}</ul>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !/^(```|#{1,6}\s|>)/.test(lines[i]!) && !LIST_ITEM.test(lines[i]!)) {
      para.push(lines[i++]!);
    }
    const parts: Inline[] = [];
    para.forEach((p, n) => {
      if (n > 0) parts.push(html`<br />`);
      parts.push(...inline(p));
    });
    blocks.push(html`<p>${parts}</p>`);
  }
  return blocks;
}

/** A Markdown block, or a muted placeholder when empty. */
export function Markdown({ source, empty = "Nothing written yet." }: { source: string | null | undefined; empty?: string }) {
  if (!source || source.trim() === "") return html`<p class="muted">${empty}</p>`;
  return html`<div class="md">${markdown(source)}</div>`;
}
