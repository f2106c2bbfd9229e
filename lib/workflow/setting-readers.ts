// Readers for each kind of setting. Each returns the checked value or throws
// MaestroError("invalid_input") naming the key, the value and what is allowed.
import type { Setting } from "./setting.ts";

export function positiveInt(s: Setting): number {
  const v = s.value;
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
  throw s.expected("a positive integer");
}

export function nonNegativeInt(s: Setting, zeroMeans: string): number {
  const v = s.value;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  throw s.expected(`0 (${zeroMeans}) or a positive integer`);
}

export function bool(s: Setting): boolean {
  if (typeof s.value === "boolean") return s.value;
  throw s.expected("true or false");
}

/** Text such as a hook's shell script, kept as written. */
export function text(s: Setting, what: string): string {
  if (typeof s.value === "string") return s.value;
  throw s.expected(what);
}

/** Text that must not be blank, trimmed. */
export function requiredText(s: Setting, what: string): string {
  if (typeof s.value === "string" && s.value.trim() !== "") return s.value.trim();
  throw s.expected(what);
}

/** One of `allowed`, compared trimmed and case-insensitively. */
export function oneOf<T extends string>(s: Setting, allowed: readonly T[]): T {
  const v = typeof s.value === "string" ? s.value.trim().toLowerCase() : undefined;
  const found = allowed.find((a) => a === v);
  if (found !== undefined) return found;
  throw s.expected(`one of ${allowed.join(", ")}`);
}

/** A list of state names, or a comma-separated string (legacy files); trimmed and lower-cased. */
export function stateList(s: Setting): string[] {
  const v = s.value;
  const items = typeof v === "string" ? v.split(",").map((x) => x.trim()).filter((x) => x !== "") : v;
  if (!Array.isArray(items) || items.length === 0 || !items.every((x) => typeof x === "string" && x.trim() !== "")) {
    throw s.expected("a list of state names");
  }
  return [...new Set(items.map((x: string) => x.trim().toLowerCase()))];
}
