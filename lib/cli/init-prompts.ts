// `workflow init`'s questions (inventory §1.4): one per setting the flags
// left open, numbered menus for choices, Enter keeps the default, a bad
// answer is asked again with the reason on one line.
import { type Choice, INIT_CHOICES, INIT_DEFAULTS, type InitSettings } from "../workflow/mod.ts";
import type { Output } from "../runtime/mod.ts";
import type { LineReader } from "./line-reader.ts";
import { type Setting, SETTINGS } from "./init-flags.ts";
import { readSetting } from "./init-settings.ts";

export interface PromptIo {
  out: Output;
  lines: LineReader;
  /** Shows each answer after its question: input that is not a terminal is not echoed. */
  echo: boolean;
}

/** Writes `question`, reads one line; end of input reads as Enter. */
async function ask(io: PromptIo, question: string): Promise<string> {
  io.out.write(question);
  const line = await io.lines.next();
  if (io.echo || line === null) io.out.write(`${line ?? ""}\n`);
  return line ?? "";
}

/** Asks "Overwrite it?" with No as the default. */
export async function confirmOverwrite(io: PromptIo, path: string): Promise<boolean> {
  for (;;) {
    const answer = (await ask(io, `${path} already exists. Overwrite it? [y/N]: `)).trim().toLowerCase();
    if (answer === "" || answer === "n" || answer === "no") return false;
    if (answer === "y" || answer === "yes") return true;
    io.out.write(`  Please answer y or n\n`);
  }
}

function printMenu(io: PromptIo, label: string, choices: readonly Choice[], current: string): void {
  const width = Math.max(...choices.map((c) => c.value.length));
  io.out.write(`${label}:\n`);
  choices.forEach((c, i) => {
    io.out.write(`  ${i + 1}) ${c.value.padEnd(width)}  ${c.description}${c.value === current ? " (default)" : ""}\n`);
  });
}

async function askOne(io: PromptIo, s: Setting, current: string | number): Promise<string | number> {
  let question = `${s.label} [${current}]: `;
  if (typeof s.kind === "object") {
    const choices = INIT_CHOICES[s.kind.choice];
    printMenu(io, s.label, choices, String(current));
    question = `Choose 1-${choices.length}, a name or its start [${current}]: `;
  }
  for (;;) {
    const answer = await ask(io, question);
    if (answer.trim() === "") return current;
    const read = readSetting(s, answer, true);
    if ("value" in read) return read.value;
    io.out.write(`  ${read.problem[0]!.toUpperCase()}${read.problem.slice(1)}\n`);
  }
}

/**
 * Asks for every setting not in `given`, in order; settings that only an
 * app-server uses are skipped (left at their default) when the agent mode
 * is stdio.
 */
export async function askSettings(io: PromptIo, given: Partial<InitSettings>): Promise<InitSettings> {
  const settings: InitSettings = { ...INIT_DEFAULTS, ...given };
  for (const s of SETTINGS) {
    if (s.key in given) continue;
    if (s.appServerOnly && settings.agent_mode !== "app_server") continue;
    // readSetting gives each setting a value of its own kind.
    Object.assign(settings, { [s.key]: await askOne(io, s, settings[s.key]) });
  }
  return settings;
}
