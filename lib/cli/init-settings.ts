// Reading a setting's value, typed at a prompt or given as a flag; flag
// values are checked here, at the edge.
import { invalidInput } from "../errors.ts";
import { type ChoiceKind, INIT_CHOICES, type InitSettings, resolveChoice } from "../workflow/mod.ts";
import type { CommandContext } from "./command.ts";
import { type Setting, SETTINGS } from "./init-flags.ts";

const choiceValues = (kind: ChoiceKind): string[] => INIT_CHOICES[kind].map((c) => c.value);

/**
 * Reads one answer (or flag value) for a setting: text trimmed and
 * non-empty, a count as a positive integer, a menu choice by name, alias or
 * unique prefix, and by number when `numbers` is set (a flag is no menu).
 * Returns the value, or why it is not one: `<problem>, got "<raw>"`.
 */
export function readSetting(s: Setting, raw: string, numbers: boolean): { value: string | number } | { problem: string } {
  const typed = raw.trim();
  const got = `got "${typed}"`;
  if (s.kind === "text") return typed === "" ? { problem: `expected a non-empty value, ${got}` } : { value: typed };
  if (s.kind === "count") {
    const n = Number(typed);
    return /^\d+$/.test(typed) && Number.isSafeInteger(n) && n > 0 ? { value: n } : { problem: `expected a positive integer, ${got}` };
  }
  const expected = `expected one of ${choiceValues(s.kind.choice).join(", ")}, ${got}`;
  if (!numbers && /^\d+$/.test(typed)) return { problem: expected };
  const found = resolveChoice(s.kind.choice, typed);
  if (found === undefined) return { problem: expected };
  if (typeof found === "object") return { problem: `${expected}, which could be ${found.ambiguous.join(" or ")}` };
  return { value: found };
}

/** The settings given as flags; a bad value is exit 2 naming the flag, the value and what is allowed. */
export function settingsFromFlags(ctx: CommandContext): Partial<InitSettings> {
  const given: Partial<InitSettings> = {};
  for (const s of SETTINGS) {
    const raw = ctx.flags[s.flag];
    if (raw === undefined) continue;
    const read = readSetting(s, String(raw), false);
    if ("problem" in read) throw invalidInput(`Invalid value for --${s.flag}: ${read.problem}`);
    Object.assign(given, { [s.key]: read.value });
  }
  return given;
}
