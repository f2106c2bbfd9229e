// "Did you mean": the known key an unknown one most likely misspells.
import { knownPaths, LEGACY_KEYS } from "./known-keys.ts";

const KNOWN = knownPaths();

/** The known key path `path` most likely meant, or undefined when none is close. */
export function nearestKey(path: string): string | undefined {
  const cut = path.lastIndexOf(".");
  const parent = path.slice(0, cut + 1);
  const leaf = path.slice(cut + 1);
  const siblings = new Map<string, string>();
  for (const known of KNOWN) {
    if (known.startsWith(parent) && !known.slice(parent.length).includes(".")) siblings.set(known.slice(parent.length), known);
  }
  if (parent === "") for (const [flat, nested] of Object.entries(LEGACY_KEYS)) siblings.set(flat, nested);
  let best: { path: string; distance: number } | undefined;
  for (const [name, full] of siblings) {
    const distance = editDistance(leaf, name);
    if (!best || distance < best.distance) best = { path: full, distance };
  }
  if (best && best.distance <= Math.min(3, Math.max(1, Math.floor(leaf.length / 3)))) return best.path;
  if (leaf.length >= 4) {
    const longer = [...siblings].find(([name]) => name.startsWith(leaf));
    if (longer) return longer[1];
  }
  // The right key in the wrong section, e.g. agent.command for codex.command.
  return KNOWN.find((known) => known !== path && known.endsWith(`.${leaf}`));
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
