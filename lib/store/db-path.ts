import { invalidInput } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import { isAbsolutePath, joinPath, resolvePath } from "../runtime/mod.ts";

/**
 * The database path: `--db`, else MAESTRO_DB, else ~/.maestro/maestro.db.
 * `~` and `$VAR`/`${VAR}` are expanded; an unset variable is an error naming it.
 */
export function resolveDbPath(runtime: Runtime, flag: string | undefined): string {
  const raw = flag ?? runtime.env("MAESTRO_DB") ?? "~/.maestro/maestro.db";
  if (raw.trim() === "") throw invalidInput("Invalid --db: empty path", "pass a file path such as ~/.maestro/maestro.db");
  return expandPath(runtime, raw);
}

/** Expands `~` and environment variables in a filesystem path and makes it absolute. */
export function expandPath(runtime: Runtime, raw: string): string {
  let p = raw.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const value = runtime.env(name);
    if (value === undefined || value === "") {
      throw invalidInput(`Cannot expand path "${raw}": environment variable $${name} is not set`, `set ${name} or write the path out`);
    }
    return value;
  });
  if (p === "~") p = runtime.homeDir();
  else if (p.startsWith("~/")) p = joinPath(runtime.homeDir(), p.slice(2));
  return isAbsolutePath(p) ? resolvePath(p) : resolvePath(runtime.cwd(), p);
}
