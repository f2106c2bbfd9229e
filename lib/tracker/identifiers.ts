// Issue identifiers `<PREFIX>-<n>` (inventory §4.4). The counter is per
// prefix, not per project: two projects whose names start alike share one
// sequence, so an identifier is never issued twice.
import type { Tx } from "../store/mod.ts";

/** First four ASCII letters or digits of the project name, upper-cased; "ISS" when there are none. */
export function identifierPrefix(projectName: string): string {
  const letters = projectName.replace(/[^A-Za-z0-9]/g, "").slice(0, 4).toUpperCase();
  return letters === "" ? "ISS" : letters;
}

/** Takes the next number for the project's prefix and returns e.g. "DEMO-4". */
export function nextIdentifier(tx: Tx, projectName: string): string {
  const prefix = identifierPrefix(projectName);
  tx.run(
    `INSERT INTO counters(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1`,
    [prefix],
  );
  const row = tx.get<{ value: number }>(`SELECT value FROM counters WHERE name = ?`, [prefix]);
  return `${prefix}-${row?.value ?? 1}`;
}
