// What a compiled template calls at render time (as `__m`): strict lookups
// and the rules for printing, truthiness and loops. Data is only ever read
// and printed here, never compiled, so a value that looks like a template
// prints as the text it is.
import { TemplateRenderFailure } from "./template-error.ts";

export interface TemplateHelpers {
  get(source: unknown, keys: readonly string[], shown: string, line: number): unknown;
  print(value: unknown): string;
  truthy(value: unknown): boolean;
  list(value: unknown, shown: string, line: number): readonly unknown[];
}

/** Reads own fields only: a missing one is an error, not an empty string. */
function get(source: unknown, keys: readonly string[], shown: string, line: number): unknown {
  let value = source;
  for (const key of keys) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) {
      throw new TemplateRenderFailure(`unknown variable "${shown}"`, line);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Text as written; lists joined with ", "; null and undefined print nothing; maps as JSON. */
function print(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(print).join(", ");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Liquid's rule as Maestro had it: null, false, blank text, 0 and empty lists or maps are false. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** A loop runs over a list; null runs it zero times; anything else is an error. */
function list(value: unknown, shown: string, line: number): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw new TemplateRenderFailure(`cannot loop over "${shown}": it is not a list`, line);
}

export const templateHelpers: TemplateHelpers = { get, print, truthy, list };
