// Keys the file sets that Maestro does not know: warnings, never errors, so
// a newer or hand-extended WORKFLOW.md still loads.
import { KEY_TREE, type KeyTree, LEGACY_KEYS } from "./known-keys.ts";
import { nearestKey } from "./nearest-key.ts";
import { isMap } from "./setting.ts";
import type { WorkflowWarning } from "./types.ts";

/** One warning per unknown key (an unknown map is one key), with a suggestion when one is close. */
export function unknownKeyWarnings(data: Record<string, unknown>): WorkflowWarning[] {
  const out: WorkflowWarning[] = [];
  walk(data, KEY_TREE, "", out);
  return out;
}

function walk(data: Record<string, unknown>, tree: KeyTree, prefix: string, out: WorkflowWarning[]): void {
  for (const [key, value] of Object.entries(data)) {
    const path = prefix + key;
    const sub = tree[key];
    if (sub === undefined) {
      if (prefix === "" && Object.hasOwn(LEGACY_KEYS, key)) continue;
      const guess = nearestKey(path);
      out.push({ code: "unknown_key", message: `unknown key "${path}"${guess ? ` (did you mean "${guess}"?)` : ""}` });
    } else if (typeof sub !== "string" && isMap(value)) {
      walk(value, sub, `${path}.`, out);
    }
  }
}
