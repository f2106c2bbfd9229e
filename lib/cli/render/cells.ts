/** Shown in a table or field for an absent value. */
export const NONE = "-";

/** A cell for an optional text value. */
export function cell(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? NONE : String(value);
}

/** "name (id)" for a referenced record, or undefined when there is none. */
export function named(name: string | null | undefined, id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  return name ? `${name} (${id})` : id;
}

/** A byte count for people: "812 B", "12.4 KiB", "3.0 MiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** "in_progress" → "In progress" (lane and count labels). */
export function stateLabel(state: string): string {
  const words = state.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
