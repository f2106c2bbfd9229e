// One value from the front matter with what a message about it needs: the
// key as the file spells it and where it sits.
import { invalidInput, type MaestroError } from "../errors.ts";
import type { FrontMatter } from "./front-matter.ts";

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A value as a message quotes it: strings in quotes, lists and maps by kind. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (isMap(value)) return "a map";
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export class Setting {
  constructor(
    readonly value: unknown,
    /** The key path as written, e.g. "agent.max_turns" or the legacy "max_turns". */
    readonly name: string,
    readonly keys: readonly string[],
    private readonly source: FrontMatter,
  ) {}

  /** The entry `key` of a map value; undefined when absent or null. */
  child(key: string): Setting | undefined {
    if (!isMap(this.value)) return undefined;
    const value = this.value[key];
    return value === null || value === undefined ? undefined : new Setting(value, `${this.name}.${key}`, [...this.keys, key], this.source);
  }

  /** `<path>:<line>:<col>: <name>: <detail>` as an invalid_input error. */
  fail(detail: string): MaestroError {
    return invalidInput(`${this.source.where(this.keys)}: ${this.name}: ${detail}`);
  }

  /** The failure for a wrong value: "expected <what>, got <value>". */
  expected(what: string): MaestroError {
    return this.fail(`expected ${what}, got ${show(this.value)}`);
  }
}
