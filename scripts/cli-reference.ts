/**
 * Renders the whole command tree's help as markdown: the CLI section of
 * README.md (between `<!-- cli:start -->` and `<!-- cli:end -->`), so the
 * reference cannot drift from the code. A test compares the two.
 *
 *   node scripts/run-ts.mjs scripts/cli-reference.ts            # print it
 *   node scripts/run-ts.mjs scripts/cli-reference.ts --write    # replace the section in README.md
 */
import * as fs from "node:fs";
import type { CommandSpec } from "../lib/cli/command.ts";
import { renderHelp } from "../lib/cli/help.ts";
import { rootCommand } from "../lib/cli/tree.ts";

const START = "<!-- cli:start -->";
const END = "<!-- cli:end -->";

function walk(chain: CommandSpec[], visit: (chain: CommandSpec[]) => void): void {
  visit(chain);
  for (const sub of chain.at(-1)!.subcommands ?? []) if (!sub.hidden) walk([...chain, sub], visit);
}

/** The markdown reference: one heading (level 3) and help block per command, global flags once (under `maestro`). */
function renderReference(root: CommandSpec): string {
  const parts = [
    "Every command also accepts the global flags listed under `maestro`. Regenerate this section with",
    "`node scripts/run-ts.mjs scripts/cli-reference.ts --write`.",
  ];
  walk([root], (chain) => {
    const title = chain.map((c) => c.name).join(" ");
    const help = renderHelp(chain, { globals: chain.length === 1 });
    parts.push("", `### \`${title}\``, "", "```text", help.trimEnd(), "```");
  });
  return `${parts.join("\n")}\n`;
}

const reference = renderReference(rootCommand);
if (process.argv.includes("--write")) {
  const file = "README.md";
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const section = `${START}\n${reference}${END}`;
  const next = start >= 0 && end > start
    ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
    : `${current}${current && !current.endsWith("\n") ? "\n" : ""}${section}\n`;
  fs.writeFileSync(file, next);
  console.error(`wrote the CLI reference into ${file}`);
} else {
  process.stdout.write(reference);
}
