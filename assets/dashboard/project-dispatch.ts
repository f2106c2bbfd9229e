// Starting and stopping a project's dispatch, and the badge that says which.
import { api, APP } from "./api.ts";
import { html } from "./html.ts";
import type { Project } from "./types.ts";
import { attempt } from "./ui.ts";

/** Starts a stopped project or stops a running one (through the orchestrator when it runs). */
export const toggleDispatch = (p: Pick<Project, "id" | "name" | "state">) => {
  const running = p.state === "running";
  return attempt(() => api.post(`${APP}/projects/${p.id}/${running ? "stop" : "run"}`), `${p.name} ${running ? "stopped" : "started"}`);
};

export function DispatchBadge({ state }: { state: Project["state"] }) {
  return html`<span class=${`badge ${state === "running" ? "ok" : ""}`}>${state === "running" ? html`<span class="pulse"></span>Dispatching` : "Stopped"}</span>`;
}

export function DispatchButton({ project, after }: { project: Pick<Project, "id" | "name" | "state">; after?: () => void }) {
  const running = project.state === "running";
  return html`<button class=${running ? "" : "primary"} data-testid="dispatch-toggle" onClick=${() => toggleDispatch(project).then(() => after?.())}>${running ? "Stop" : "Start"}</button>`;
}
