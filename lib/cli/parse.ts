import { invalidInput } from "../errors.ts";
import type { CommandSpec, FlagSpec, FlagValue } from "./command.ts";
import { globalFlags } from "./globals.ts";

export interface Parsed {
  /** Commands from the root down to the one selected. */
  chain: CommandSpec[];
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, FlagValue | undefined>;
  positionals: string[];
}

const usageHint = (chain: CommandSpec[]) => `see: ${chain.map((c) => c.name).join(" ")} --help`;

function findSub(cmd: CommandSpec, word: string): CommandSpec | undefined {
  return cmd.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
}

function coerce(spec: FlagSpec, raw: string, chain: CommandSpec[]): FlagValue {
  if (spec.type === "int") {
    if (!/^-?\d+$/.test(raw.trim())) {
      throw invalidInput(`Invalid value for --${spec.name}: expected an integer, got "${raw}"`, usageHint(chain));
    }
    return Number.parseInt(raw, 10);
  }
  return raw;
}

/**
 * Parses argv against the command tree. Errors are MaestroError invalid_input
 * with the flag or argument named, so the CLI prints one line and exits 2.
 */
export function parseArgs(root: CommandSpec, argv: string[]): Parsed {
  const chain: CommandSpec[] = [root];
  const flags: Record<string, FlagValue | undefined> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;

  const flagSpec = (name: string): FlagSpec | undefined => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const f = chain[i]!.flags?.find((x) => x.name === name);
      if (f) return f;
    }
    return globalFlags.find((x) => x.name === name);
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (onlyPositionals || !word.startsWith("-") || word === "-") {
      const current = chain[chain.length - 1]!;
      const sub = positionals.length === 0 && !onlyPositionals ? findSub(current, word) : undefined;
      if (sub) chain.push(sub);
      else if (current.subcommands && !current.run && positionals.length === 0 && !flags.help) {
        throw invalidInput(`Unknown command "${word}" for "${chain.map((c) => c.name).join(" ")}"`, usageHint(chain));
      } else positionals.push(word);
      continue;
    }
    if (word === "--") {
      onlyPositionals = true;
      continue;
    }
    if (word === "-h") {
      flags.help = true;
      continue;
    }
    const body = word.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = flagSpec(name);
    if (!spec) throw invalidInput(`Unknown flag "--${name}" for "${chain.map((c) => c.name).join(" ")}"`, usageHint(chain));
    let raw: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (spec.type === "boolean") {
      if (raw === undefined) flags[spec.name] = true;
      else if (/^(true|1|yes)$/i.test(raw)) flags[spec.name] = true;
      else if (/^(false|0|no)$/i.test(raw)) flags[spec.name] = false;
      else throw invalidInput(`Invalid value for --${spec.name}: expected true or false, got "${raw}"`, usageHint(chain));
      continue;
    }
    if (raw === undefined) {
      raw = argv[++i];
      // `--limit --json` is a forgotten value, not the value "--json"; `--body=--x` still passes one.
      if (raw === undefined || /^--[^-]/.test(raw)) throw invalidInput(`Flag --${spec.name} needs a value`, usageHint(chain));
    }
    if (spec.type === "list") {
      const prev = (flags[spec.name] as string[] | undefined) ?? [];
      flags[spec.name] = [...prev, raw];
    } else {
      if (flags[spec.name] !== undefined) throw invalidInput(`Flag --${spec.name} given twice`, usageHint(chain));
      flags[spec.name] = coerce(spec, raw, chain);
    }
  }

  const cmd = chain[chain.length - 1]!;
  const args: Record<string, string | string[] | undefined> = {};
  if (!flags.help && cmd.run) {
    const specs = cmd.args ?? [];
    let p = 0;
    for (const a of specs) {
      if (a.variadic) {
        args[a.name] = positionals.slice(p);
        if (a.required && positionals.length <= p) throw invalidInput(`Missing argument <${a.name}>`, usageHint(chain));
        p = positionals.length;
        continue;
      }
      const v = positionals[p++];
      if (v === undefined && a.required) throw invalidInput(`Missing argument <${a.name}>`, usageHint(chain));
      args[a.name] = v;
    }
    if (p < positionals.length) {
      throw invalidInput(`Unexpected argument "${positionals[p]}" for "${chain.map((c) => c.name).join(" ")}"`, usageHint(chain));
    }
    for (const f of cmd.flags ?? []) {
      if (f.required && flags[f.name] === undefined) throw invalidInput(`Missing required flag --${f.name}`, usageHint(chain));
    }
  }
  return { chain, args, flags, positionals };
}
