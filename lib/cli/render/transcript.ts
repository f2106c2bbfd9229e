import type { Printer } from "../printer.ts";
import type { HistoryEntry } from "../../orchestrator/mod.ts";

/** How many lines of a command's output the transcript shows. */
const OUTPUT_LINES = 10;

const clock = (iso: string) => iso.slice(11, 19);

function indented(text: string, prefix: string): string[] {
  return text.replace(/\s+$/, "").split(/\r?\n/).map((l) => `${prefix}${l}`);
}

function entryLines(h: HistoryEntry): string[] {
  const at = clock(h.at);
  switch (h.kind) {
    case "agent_message":
      return [`${at}  agent:`, ...indented(h.text, "    ")];
    case "plan":
      return [`${at}  plan:`, ...indented(h.text, "    ")];
    case "file_change":
      return [`${at}  files ${h.status}: ${h.paths.join(", ") || "-"}`];
    case "command": {
      const exit = h.exitCode === null ? h.status : `exit ${h.exitCode}, ${h.status}`;
      const tail = h.outputTail.trim() === "" ? [] : indented(h.outputTail, "    | ").slice(-OUTPUT_LINES);
      return [`${at}  $ ${h.command}  (${exit})`, ...tail];
    }
  }
}

/** A session's transcript, oldest first: agent messages, commands with exit code and output tail, file changes. */
export function printTranscript(out: Printer, history: HistoryEntry[]): void {
  out.line(`Transcript (${history.length})`);
  if (history.length === 0) out.line("  (nothing yet)");
  for (const h of history) for (const l of entryLines(h)) out.line(`  ${l}`);
}
