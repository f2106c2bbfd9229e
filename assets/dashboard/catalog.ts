// Projects and epics, which filters, forms and cards all need.
import { api, APP } from "./api.ts";
import { affectsCatalog } from "./affects.ts";
import { useResource } from "./live.ts";
import type { EpicSummary, Page, ProjectSummary } from "./types.ts";

export interface Catalog {
  projects: ProjectSummary[];
  epics: EpicSummary[];
}

/** Every project and epic, refreshed on each committed change. */
export function useCatalog() {
  return useResource<Catalog>(async () => {
    const [p, e] = await Promise.all([
      api.get<Page<ProjectSummary>>(`${APP}/projects?limit=500`),
      api.get<Page<EpicSummary>>(`${APP}/epics?limit=500`),
    ]);
    return { projects: p.items, epics: e.items };
  }, [], ["change"], affectsCatalog);
}
