// Building an operation's raw input from the three places a request carries
// fields: the path (route params), the query string and the body. The
// operation's schema does the validating; this only refuses a field given twice.
import { invalidInput } from "../errors.ts";
import type { Params } from "./router.ts";

export type Fields = Record<string, unknown>;

/** Sets an own property even for a key like "__proto__", which plain assignment would turn into a prototype. */
export function setField(fields: Fields, key: string, value: unknown): void {
  Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The query string as fields; a repeated key becomes a list (`?labels=a&labels=b`). */
export function queryFields(url: URL): Fields {
  const out: Fields = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    setField(out, key, values.length === 1 ? values[0] : values);
  }
  return out;
}

/**
 * Path params, query fields and body fields as one input. Throws
 * invalid_input when a field comes from two places (e.g. "identifier" in
 * both the path and the body), so the caller never wonders which one won.
 */
export function mergeInput(params: Params, ...sources: Fields[]): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(params)) setField(out, key, value);
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (Object.hasOwn(out, key)) {
        throw invalidInput(
          `Invalid "${key}": given twice`,
          Object.hasOwn(params, key) ? "it comes from the URL path; remove it from the query or body" : "give it once",
        );
      }
      setField(out, key, value);
    }
  }
  return out;
}

/** Throws invalid_input for a field that HTTP clients may not send (e.g. local file paths). */
export function refuseFields(fields: Fields, names: readonly string[], hint: string): void {
  for (const name of names) {
    if (Object.hasOwn(fields, name)) throw invalidInput(`Unknown field "${name}"`, hint);
  }
}

/**
 * An integer query field in [min, max], or `fallback` when absent. Throws
 * invalid_input with the tracker's wording, e.g. `Invalid "since": expected a
 * non-negative integer, got "x"`.
 */
export function intField(fields: Fields, name: string, min: number, max: number, fallback: number): number {
  const raw = fields[name];
  if (raw === undefined) return fallback;
  const expected = min === 0 && max === Number.MAX_SAFE_INTEGER ? "a non-negative integer" : `an integer from ${min} to ${max}`;
  if (typeof raw !== "string" || !/^\d+$/.test(raw.trim())) {
    throw invalidInput(`Invalid "${name}": expected ${expected}, got ${JSON.stringify(raw).slice(0, 60)}`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) throw invalidInput(`Invalid "${name}": expected ${expected}, got "${raw.slice(0, 40)}"`);
  return value;
}

/** Throws invalid_input naming the first field not in `allowed`. */
export function onlyFields(fields: Fields, allowed: readonly string[]): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      throw invalidInput(`Unknown field "${key}"`, allowed.length > 0 ? `allowed fields: ${allowed.join(", ")}` : "this route takes no fields");
    }
  }
}
