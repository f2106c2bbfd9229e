import type { EpicSummary, ProjectSummary } from "../../tracker/mod.ts";
import type { Printer } from "../printer.ts";
import { cell } from "./cells.ts";

/** Projects as a table: ID NAME STATE TOTAL ACTIVE REPO (wide: WORKFLOW and DESCRIPTION too). */
export function printProjectTable(out: Printer, projects: ProjectSummary[], wide: boolean): void {
  if (wide) {
    out.table(
      ["ID", "NAME", "STATE", "TOTAL", "ACTIVE", "REPO", "WORKFLOW", "DESCRIPTION"],
      projects.map((p) => [p.id, p.name, p.state, p.total_count, p.active_count, p.repo_path, cell(p.workflow_path), cell(p.description)]),
    );
  } else {
    out.table(["ID", "NAME", "STATE", "TOTAL", "ACTIVE", "REPO"], projects.map((p) => [p.id, p.name, p.state, p.total_count, p.active_count, p.repo_path]));
  }
}

/** One project as key/value fields. */
export function printProjectFields(out: Printer, p: ProjectSummary): void {
  out.fields([
    ["Project", `${p.name} (${p.id})`],
    ["State", p.state],
    ["Repo", p.repo_path],
    ["Workflow", p.workflow_path],
    ["Description", p.description],
    ["Issues", `${p.total_count} total, ${p.active_count} active, ${p.terminal_count} done or cancelled`],
    ["Created", p.created_at],
    ["Updated", p.updated_at],
  ]);
}

/** Epics as a table: ID NAME PROJECT TOTAL ACTIVE (wide: DESCRIPTION too). */
export function printEpicTable(out: Printer, epics: EpicSummary[], wide: boolean): void {
  const headers = ["ID", "NAME", "PROJECT", "TOTAL", "ACTIVE", ...(wide ? ["DESCRIPTION"] : [])];
  out.table(
    headers,
    epics.map((e) => [e.id, e.name, cell(e.project_name), e.total_count, e.active_count, ...(wide ? [cell(e.description)] : [])]),
  );
}
