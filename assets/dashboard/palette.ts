// The command palette (Ctrl+K / ⌘K, or the header button): go to a page or
// project, start or stop a project, create an issue, or find an issue by
// identifier or title through the API's search. A combobox over a listbox:
// arrows move, Enter runs, Escape closes.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, APP, query } from "./api.ts";
import { useCatalog } from "./catalog.ts";
import { html } from "./html.ts";
import { IssueForm } from "./issue-form.ts";
import { toggleDispatch } from "./project-dispatch.ts";
import { navigate } from "./router.ts";
import { STATE_LABELS, type IssueSummary, type Page, type ProjectSummary } from "./types.ts";

interface Command {
  id: string;
  group: "Issues" | "Navigate" | "Actions";
  label: string;
  hint?: string;
  run: () => void;
}

const PAGES = [
  { label: "Overview", href: "/" },
  { label: "Work board", href: "/board" },
  { label: "Work list", href: "/board?view=list" },
  { label: "Sessions", href: "/sessions" },
  { label: "Projects", href: "/projects" },
];
const SEARCH_LIMIT = 8;
const SEARCH_DELAY_MS = 120;

/** The API's matches for `text` (identifier, title, description), newest request wins. */
function useIssueSearch(text: string): IssueSummary[] {
  const [found, setFound] = useState<IssueSummary[]>([]);
  useEffect(() => {
    const q = text.trim();
    let live = true;
    // An empty answer keeps the old empty list, so the selection stays where the arrows put it.
    const show = (items: IssueSummary[]) => {
      if (live) setFound((old) => (old.length === 0 && items.length === 0 ? old : items));
    };
    if (!q) {
      show([]);
      return;
    }
    const t = setTimeout(() => {
      api.get<Page<IssueSummary>>(`${APP}/issues${query({ search: q, sort: "identifier_asc", limit: SEARCH_LIMIT })}`)
        .then((p) => show(p.items), () => show([]));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);
  return found;
}

function commandsFor(text: string, issues: IssueSummary[], projects: ProjectSummary[], newIssue: () => void): Command[] {
  const q = text.trim().toLowerCase();
  const exact = issues.filter((i) => i.identifier.toLowerCase() === q);
  const issueCommands = [...exact, ...issues.filter((i) => !exact.includes(i))].map((i): Command => ({
    id: `issue-${i.identifier}`, group: "Issues", label: `${i.identifier} ${i.title}`, hint: STATE_LABELS[i.state], run: () => navigate(`/issues/${i.identifier}`),
  }));
  const rest: Command[] = [
    ...PAGES.map((p): Command => ({ id: `go-${p.href}`, group: "Navigate", label: p.label, run: () => navigate(p.href) })),
    ...projects.map((p): Command => ({ id: `project-${p.id}`, group: "Navigate", label: `Project ${p.name}`, run: () => navigate(`/projects/${p.id}`) })),
    { id: "new-issue", group: "Actions", label: "New issue", run: newIssue },
    ...projects.map((p): Command => ({
      id: `dispatch-${p.id}`, group: "Actions", label: `${p.state === "running" ? "Stop" : "Start"} project ${p.name}`, run: () => void toggleDispatch(p),
    })),
  ];
  return [...issueCommands, ...rest.filter((c) => !q || c.label.toLowerCase().includes(q))];
}

let setOpenGlobal: ((open: boolean) => void) | undefined;

/** Opens the palette (the header button and the shortcut both call this). */
export const openPalette = () => setOpenGlobal?.(true);

addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
    e.preventDefault();
    openPalette();
  }
});

function PaletteDialog({ projects, onClose, newIssue }: { projects: ProjectSummary[]; onClose: () => void; newIssue: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const issues = useIssueSearch(text);
  const commands = commandsFor(text, issues, projects, newIssue);
  const current = Math.min(active, commands.length - 1);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  useEffect(() => setActive(0), [text, issues]);
  useEffect(() => ref.current?.querySelector("[aria-selected=true]")?.scrollIntoView({ block: "nearest" }), [current]);
  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    c.run();
  };
  const onKey = (e: KeyboardEvent) => {
    const n = commands.length;
    if (e.key === "ArrowDown" && n) setActive((current + 1) % n);
    else if (e.key === "ArrowUp" && n) setActive((current - 1 + n) % n);
    else if (e.key === "Enter") run(commands[current]);
    else return;
    e.preventDefault();
  };
  return html`<dialog ref=${ref} class="palette" aria-label="Command palette" data-testid="palette"
    onCancel=${(e: Event) => { e.preventDefault(); onClose(); }} onClick=${(e: MouseEvent) => e.target === ref.current && onClose()}>
    <input role="combobox" aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list" autofocus
      aria-activedescendant=${commands[current] ? `cmd-${commands[current]!.id}` : undefined}
      placeholder="Search issues, pages and actions…" aria-label="Search issues, pages and actions" value=${text}
      onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)} onKeyDown=${onKey} />
    <ul id="palette-list" role="listbox" aria-label="Results">
      ${commands.map((c, n) => html`${n === 0 || commands[n - 1]!.group !== c.group ? html`<li key=${`group-${c.group}`} role="presentation" class="group">${c.group}</li>` : null}
        <li key=${c.id} id=${`cmd-${c.id}`} role="option" aria-selected=${n === current} class=${n === current ? "on" : ""}
          onMouseMove=${() => n !== current && setActive(n)} onClick=${() => run(c)}>
          <span class="clip">${c.label}</span>${c.hint ? html`<span class="muted small">${c.hint}</span>` : null}
        </li>`)}
      ${commands.length === 0 ? html`<li role="presentation" class="muted none">Nothing matches "${text}".</li>` : null}
    </ul>
    <footer class="muted small"><kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close</footer>
  </dialog>`;
}

/** The palette when open, and the issue form it can start. Mounted once in the shell. */
export function Palette() {
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const catalog = useCatalog();
  useEffect(() => {
    setOpenGlobal = setOpen;
    return () => void (setOpenGlobal = undefined);
  }, []);
  return html`<div class="palette-host">
    ${open ? html`<${PaletteDialog} projects=${catalog.data?.projects ?? []} onClose=${() => setOpen(false)} newIssue=${() => setCreating(true)} />` : null}
    ${creating && catalog.data ? html`<${IssueForm} catalog=${catalog.data} onClose=${() => setCreating(false)} />` : null}
  </div>`;
}

export function PaletteButton() {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return html`<button class="palette-button" onClick=${openPalette} aria-label="Open the command palette" aria-keyshortcuts="Control+K Meta+K" data-testid="palette-button">
    <span aria-hidden="true">⌕</span><span class="hide-sm">Search</span><kbd class="hide-sm">${mac ? "⌘" : "Ctrl"} K</kbd>
  </button>`;
}
