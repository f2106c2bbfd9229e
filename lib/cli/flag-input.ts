import { invalidInput } from "../errors.ts";
import { resolvePath } from "../runtime/mod.ts";
import type { CommandContext } from "./command.ts";

/** A string flag's value, or undefined when the flag was not given. */
export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === "string" ? v : undefined;
}

/** An int flag's value (the parser checked it is an integer), or undefined. */
export function intFlag(ctx: CommandContext, name: string): number | undefined {
  const v = ctx.flags[name];
  return typeof v === "number" ? v : undefined;
}

/** A boolean flag's value: undefined when absent, so `--enabled=false` and no flag differ. */
export function boolFlag(ctx: CommandContext, name: string): boolean | undefined {
  const v = ctx.flags[name];
  return typeof v === "boolean" ? v : undefined;
}

/** Splits comma-separated values: trimmed, empty parts dropped, duplicates removed, order kept. */
export function splitCsv(values: string | string[]): string[] {
  const parts = (Array.isArray(values) ? values : [values]).flatMap((v) => v.split(","));
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ""))];
}

/** A comma-separated (and, for list flags, repeatable) flag as a list, or undefined when absent. */
export function csvFlag(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.flags[name];
  return typeof v === "string" || Array.isArray(v) ? splitCsv(v) : undefined;
}

/** A repeatable flag's values as given, or undefined when absent. */
export function listFlag(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.flags[name];
  return Array.isArray(v) ? v : undefined;
}

/** Makes a path absolute against the working directory: a live daemon may run elsewhere. */
export function absolutePath(ctx: CommandContext, p: string): string {
  return resolvePath(ctx.runtime.cwd(), p);
}

/** A path flag made absolute, or undefined when absent. */
export function pathFlag(ctx: CommandContext, name: string): string | undefined {
  const v = stringFlag(ctx, name);
  return v === undefined ? undefined : absolutePath(ctx, v);
}

/** A positional argument the parser already required. */
export function arg(ctx: CommandContext, name: string): string {
  const v = ctx.args[name];
  if (typeof v !== "string") throw new TypeError(`argument <${name}> is not declared as a single required argument`);
  return v;
}

/** A variadic positional argument. */
export function argList(ctx: CommandContext, name: string): string[] {
  const v = ctx.args[name];
  return Array.isArray(v) ? v : [];
}

/**
 * The value of a field that `--<flag>` sets and `--clear-<clear>` clears:
 * undefined (unchanged), the value, or null (cleared). Both at once is a usage error.
 */
export function settable<T>(ctx: CommandContext, flag: string, value: T | undefined, clear = flag): T | null | undefined {
  const isCleared = ctx.flags[`clear-${clear}`] === true;
  if (isCleared && value !== undefined) {
    throw invalidInput(`Cannot use --${flag} together with --clear-${clear}`, "pick one");
  }
  return isCleared ? null : value;
}

/** The object without its undefined keys: a partial update sends only the flags given. */
export function present(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
