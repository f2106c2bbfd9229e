// The one place a schema failure becomes a MaestroError, so every surface
// (CLI, HTTP, MCP) reports a bad field with the same words.
import type { z } from "zod";
import { invalidInput, type MaestroError } from "../errors.ts";

type Issue = z.core.$ZodIssue;

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out === "" ? String(key) : `${out}.${String(key)}`;
  }, "");
}

function show(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    // Deeply nested input overflows the stack and cycles cannot be written: describe it instead.
    json = Array.isArray(value) ? "an array" : typeof value === "object" && value !== null ? "an object" : typeof value;
  }
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function describe(issue: Issue, allowed: readonly string[]): MaestroError {
  const field = fieldName(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${field ? `${field}.` : ""}${k}"`).join(", ");
    const hint = field === "" && allowed.length > 0 ? `allowed fields: ${allowed.join(", ")}` : undefined;
    return invalidInput(`Unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}`, hint);
  }
  if (field === "") return invalidInput(`Invalid input: expected an object of fields, got ${show(issue.input)}`);
  if (!("input" in issue) || issue.input === undefined) return invalidInput(`Missing required field "${field}"`);
  return invalidInput(`Invalid "${field}": ${issue.message}, got ${show(issue.input)}`);
}

/**
 * Parses `raw` with `schema`; on failure throws MaestroError("invalid_input")
 * naming the first bad field, e.g. `Invalid "priority": expected a
 * non-negative integer, got "x"`, `Missing required field "title"` or
 * `Unknown field "titel"` (strict objects catch typos).
 */
export function parseInput<S extends z.ZodObject>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw ?? {}, { reportInput: true });
  if (result.success) return result.data;
  // A misspelt key also makes its real name "missing": report the typo, it is the cause.
  const first = result.error.issues.find((i) => i.code === "unrecognized_keys") ?? result.error.issues[0];
  if (!first) throw invalidInput("Invalid input");
  throw describe(first, Object.keys(schema.shape));
}
