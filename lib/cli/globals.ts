import type { FlagSpec } from "./command.ts";

/** Flags every command accepts, before or after the command name. */
export const globalFlags: FlagSpec[] = [
  { name: "db", type: "string", value: "PATH", description: "database file (env MAESTRO_DB)", defaultText: "~/.maestro/maestro.db" },
  { name: "api-url", type: "string", value: "URL", description: "send commands to the daemon at URL (found by itself for --db; token from MAESTRO_API_TOKEN)" },
  { name: "json", type: "boolean", description: "print one JSON value" },
  { name: "quiet", type: "boolean", description: "print identifiers only" },
  { name: "wide", type: "boolean", description: "show more table columns" },
  { name: "help", type: "boolean", description: "show help for a command" },
];
