// The dashboard: one HTML page with the Preact bundle and its stylesheet
// inlined (built by scripts/dashboard-bundle.ts), served at / and at every
// client-side route, so a page load is this response plus API calls. The
// script runs only by its hash; nothing loads from another origin. The
// bundle is imported on the first page request, so the daemon's start and
// the CLI never parse it.
import type { RouteHandler } from "../context.ts";
import type { Router } from "../router.ts";

/** Client-side routes: each answers the same page, which routes itself. */
export const DASHBOARD_PATHS = ["/", "/board", "/sessions", "/projects", "/projects/:id", "/epics/:id", "/issues/:identifier"];

interface Page {
  bytes: ReturnType<TextEncoder["encode"]>;
  csp: string;
}

let page: Promise<Page> | undefined;

async function loadPage(): Promise<Page> {
  const { default: dashboard } = await import("virtual:dashboard");
  const bytes = new TextEncoder().encode(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<meta name="color-scheme" content="light dark"><link rel="icon" href="data:,"><title>Maestro</title>` +
      `<style>${dashboard.css}</style></head><body><div id="app"></div>` +
      `<script type="module">${dashboard.js}</script></body></html>`,
  );
  const csp = [
    "default-src 'none'",
    `script-src '${dashboard.scriptHash}'`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { bytes, csp };
}

const servePage: RouteHandler = async () => {
  const { bytes, csp } = await (page ??= loadPage());
  return new Response(bytes, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-length": String(bytes.byteLength),
      "cache-control": "no-cache",
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
};

export function addDashboardRoutes(router: Router<RouteHandler>): void {
  for (const path of DASHBOARD_PATHS) router.add("GET", path, servePage);
}
