// The shell: top bar with navigation, the waiting-for-you badge, the command
// palette and the live status; the disconnected banner, the page for the
// current path, toasts.
import { html } from "./html.ts";
import { useConnection } from "./live.ts";
import { useLocation } from "./router.ts";
import { Toasts } from "./ui.ts";
import { InterruptBadge } from "./interrupt-badge.ts";
import { Palette, PaletteButton } from "./palette.ts";
import { Overview } from "./pages/overview.ts";
import { Board } from "./pages/board.ts";
import { IssuePage } from "./pages/issue-page.ts";
import { Sessions } from "./pages/sessions.ts";
import { Projects } from "./pages/projects.ts";
import { ProjectPage } from "./pages/project-page.ts";
import { EpicPage } from "./pages/epic-page.ts";

const NAV = [
  { href: "/", label: "Overview", icon: "◎" },
  { href: "/board", label: "Work", icon: "▦" },
  { href: "/sessions", label: "Sessions", icon: "⟳" },
  { href: "/projects", label: "Projects", icon: "▤" },
];

function isCurrent(href: string, path: string): boolean {
  if (href === "/") return path === "/";
  if (href === "/board") return path === "/board" || path.startsWith("/issues/");
  if (href === "/projects") return path.startsWith("/projects") || path.startsWith("/epics/");
  return path === href || path.startsWith(`${href}/`);
}

function LiveStatus() {
  const { connected, retryInMs } = useConnection();
  const label = connected ? "Live" : retryInMs === null ? "Connecting" : "Offline";
  return html`<span class=${`live ${connected ? "on" : retryInMs === null ? "" : "off"}`} data-testid="live-status" title="Live updates from the daemon">
    <span class="dot"></span>${label}
  </span>`;
}

function Banner() {
  const { connected, retryInMs } = useConnection();
  if (connected || retryInMs === null) return null;
  return html`<div class="banner" role="alert" data-testid="disconnected">
    Disconnected from the daemon, reconnecting${retryInMs > 1500 ? ` in ${Math.round(retryInMs / 1000)} s` : ""}. What you see may be out of date.
  </div>`;
}

function Page({ path }: { path: string }) {
  if (path === "/") return html`<${Overview} />`;
  if (path === "/board") return html`<${Board} />`;
  if (path === "/sessions") return html`<${Sessions} />`;
  if (path === "/projects") return html`<${Projects} />`;
  if (path.startsWith("/projects/")) return html`<${ProjectPage} id=${decodeURIComponent(path.slice(10))} />`;
  if (path.startsWith("/epics/")) return html`<${EpicPage} id=${decodeURIComponent(path.slice(7))} />`;
  if (path.startsWith("/issues/")) return html`<${IssuePage} identifier=${decodeURIComponent(path.slice(8))} />`;
  return html`<div class="empty">No page here. <a href="/">Go to the overview</a></div>`;
}

export function App() {
  const { path } = useLocation();
  return html`
    <header class="topbar">
      <a class="brand" href="/"><span class="logo">M</span><span>Maestro</span></a>
      <nav class="nav" aria-label="Main">
        ${NAV.map((n) => html`<a href=${n.href} class=${isCurrent(n.href, path) ? "current" : ""} aria-current=${isCurrent(n.href, path) ? "page" : undefined}><span class="nav-icon" aria-hidden="true">${n.icon}</span><span>${n.label}</span></a>`)}
      </nav>
      <${InterruptBadge} />
      <${PaletteButton} />
      <${LiveStatus} />
    </header>
    <${Banner} />
    <main class="main"><${Page} path=${path} /></main>
    <${Palette} />
    <${Toasts} />
  `;
}
