import type { Runtime } from "../runtime/mod.ts";
import type { Printer } from "./printer.ts";
import type { OperationClient } from "./session.ts";

/** A flag a command accepts. Flags given on the command line are the only ones in `flags`. */
export interface FlagSpec {
  name: string;
  type: "string" | "boolean" | "int" | "list";
  description: string;
  /** Placeholder shown in help, e.g. "PATH". */
  value?: string;
  /** A `list` flag may be repeated; a `string` flag given twice is an error. */
  required?: boolean;
  /** Shown in help only; commands apply their own defaults. */
  defaultText?: string;
}

export interface ArgSpec {
  name: string;
  description?: string;
  required?: boolean;
  /** Takes every remaining argument. */
  variadic?: boolean;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  summary: string;
  /** Longer text printed under the usage line in help. */
  details?: string;
  args?: ArgSpec[];
  flags?: FlagSpec[];
  subcommands?: CommandSpec[];
  /** Left out of help's command lists and the README reference (test and demo tools); still runs. */
  hidden?: boolean;
  /** A process that stays up (the daemon) keeps the engine's optimizing compiler for WASM. */
  longRunning?: boolean;
  /** Absent on groups: running a group prints its help and exits 2. */
  run?: (ctx: CommandContext) => Promise<number | void> | number | void;
}

export interface GlobalOptions {
  db: string | undefined;
  json: boolean;
  quiet: boolean;
  wide: boolean;
}

export type FlagValue = string | boolean | number | string[];

export interface CommandContext {
  runtime: Runtime;
  /** The full command path, e.g. "maestro issue create". */
  path: string;
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, FlagValue | undefined>;
  global: GlobalOptions;
  out: Printer;
  /** Runs tracker operations; commands reach it only through `invoke`. */
  client: OperationClient;
}
