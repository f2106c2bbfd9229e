// Labels are a set of lower-case words: "Bug", " bug" and "BUG" are one
// label, as in Symphony, so filters match however a label was typed.
import type { Tx } from "../store/mod.ts";

/** Trims, lower-cases, drops blanks and duplicates, sorts. */
export function normalizeLabels(labels: readonly string[]): string[] {
  const set = new Set(labels.map((l) => l.trim().toLowerCase()).filter((l) => l !== ""));
  return [...set].sort();
}

/** Replaces an issue's labels with `labels` (already normalized). */
export function replaceLabels(tx: Tx, issueId: string, labels: readonly string[]): void {
  tx.run(`DELETE FROM issue_labels WHERE issue_id = ?`, [issueId]);
  for (const label of labels) tx.run(`INSERT INTO issue_labels(issue_id, label) VALUES (?, ?)`, [issueId, label]);
}
