// The live transcript: agent messages, commands with their output, file
// changes and plans, newest at the bottom, following along while it grows.
import { useEffect, useRef } from "preact/hooks";
import { when } from "./format.ts";
import { html } from "./html.ts";
import { Markdown } from "./markdown.ts";
import type { HistoryEntry } from "./types.ts";
import { Empty } from "./ui.ts";

function Entry({ e }: { e: HistoryEntry }) {
  const time = html`<time class="muted small" title=${when(e.at)}>${new Date(e.at).toLocaleTimeString()}</time>`;
  switch (e.kind) {
    case "agent_message":
      return html`<li class="tx msg" data-kind="agent_message"><div class="tx-head"><span class="tx-who">Agent</span>${time}</div><${Markdown} source=${e.text} empty="(empty message)" /></li>`;
    case "command": {
      const failed = e.exitCode !== null && e.exitCode !== undefined && e.exitCode !== 0;
      return html`<li class=${`tx cmd${failed ? " failed" : ""}`} data-kind="command">
        <div class="tx-head"><span class="tx-who">Command</span><span class=${`badge ${failed ? "bad" : e.status === "completed" ? "ok" : ""}`}>${e.exitCode === null || e.exitCode === undefined ? e.status : `exit ${e.exitCode}`}</span>${time}</div>
        <pre class="term"><code><span class="prompt">$ </span>${e.command}${e.outputTail ? `\n${e.outputTail}` : ""}</code></pre>
      </li>`;
    }
    case "file_change":
      return html`<li class="tx files" data-kind="file_change"><div class="tx-head"><span class="tx-who">Files ${e.status ?? ""}</span>${time}</div>
        <ul class="paths">${(e.paths ?? []).map((p) => html`<li class="mono">${p}</li>`)}</ul></li>`;
    case "plan":
      return html`<li class="tx plan" data-kind="plan"><div class="tx-head"><span class="tx-who">Plan</span>${time}</div><${Markdown} source=${e.text} /></li>`;
  }
}

export function Transcript({ history, live }: { history: HistoryEntry[]; live: boolean }) {
  const box = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [history.length]);
  if (history.length === 0) return html`<${Empty}>${live ? "Waiting for the agent's first output…" : "No transcript recorded."}<//>`;
  return html`<ol class="transcript" ref=${box} data-testid="transcript"
    onScroll=${(e: Event) => { const el = e.currentTarget as HTMLElement; stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40; }}>
    ${history.map((e, i) => html`<${Entry} key=${i} e=${e} />`)}
  </ol>`;
}
