// A small history router: the path picks the page, the query string holds
// a page's filters so they survive reloads and can be shared.
import { useEffect, useState } from "preact/hooks";

const subscribers = new Set<() => void>();

/** Goes to `to` (path and query) without a reload; `replace` keeps history short for filter edits. */
export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  if (!replace) window.scrollTo(0, 0);
  for (const s of subscribers) s();
}

addEventListener("popstate", () => {
  for (const s of subscribers) s();
});

/** Same-origin link clicks route in the page (modifier clicks still open tabs). */
addEventListener("click", (ev) => {
  const a = (ev.target as Element | null)?.closest?.("a");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  if (a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
  if (a.pathname.startsWith("/api/")) return;
  ev.preventDefault();
  navigate(a.pathname + a.search);
});

export interface Location {
  path: string;
  params: URLSearchParams;
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const s = () => setTick((t) => t + 1);
    subscribers.add(s);
    return () => void subscribers.delete(s);
  }, []);
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}

/** Sets or clears one query parameter of the current page (replacing the history entry). */
export function setParam(name: string, value: string | undefined): void {
  const params = new URLSearchParams(location.search);
  if (value === undefined || value === "") params.delete(name);
  else params.set(name, value);
  const q = params.toString();
  navigate(location.pathname + (q ? `?${q}` : ""), true);
}
