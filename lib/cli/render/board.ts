import type { BoardOverview } from "../../tracker/mod.ts";
import type { Printer } from "../printer.ts";
import { stateLabel } from "./cells.ts";

/** A counts line, then one lane per state (BACKLOG … CANCELLED) listing its issues. */
export function printBoard(out: Printer, board: BoardOverview, wide: boolean): void {
  out.line("Board");
  out.line(board.columns.map((c) => `${stateLabel(c.state)}: ${board.counts[c.state] ?? c.issues.length}`).join("  "));
  for (const col of board.columns) {
    out.line();
    out.line(col.state.replaceAll("_", " ").toUpperCase());
    if (col.issues.length === 0) out.line("  (empty)");
    for (const i of col.issues) {
      const extra = wide ? ` (priority ${i.priority ?? 0}, project ${i.project_name ?? "-"}, epic ${i.epic_name ?? "-"})` : "";
      out.line(`  [${i.identifier}] ${i.title}${i.is_blocked ? " (blocked)" : ""}${extra}`);
    }
  }
}
