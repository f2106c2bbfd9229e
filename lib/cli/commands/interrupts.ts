import { invalidInput } from "../../errors.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { arg, listFlag, present, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { requireDaemon } from "../no-daemon.ts";
import { printInterruptTable } from "../render/execution.ts";
import type { InterruptView } from "../../orchestrator/mod.ts";
import { respond } from "../respond.ts";

const DECISIONS = ["accept", "acceptForSession", "decline", "cancel"];
const ACTIONS = ["accept", "decline", "cancel"];

function oneOf(ctx: CommandContext, flag: string, allowed: string[]): string | undefined {
  const v = stringFlag(ctx, flag);
  if (v !== undefined && !allowed.includes(v)) throw invalidInput(`Invalid --${flag}: expected one of ${allowed.join(", ")}, got "${v}"`);
  return v;
}

/** `--answer QID=VALUE`, repeatable; a question given twice gets a list of values. */
function answersFlag(ctx: CommandContext): Record<string, string | string[]> | undefined {
  const given = listFlag(ctx, "answer");
  if (!given) return undefined;
  const answers: Record<string, string | string[]> = {};
  for (const pair of given) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw invalidInput(`Invalid --answer: expected QUESTION_ID=VALUE, got "${pair}"`, "e.g. --answer strategy=A");
    const [id, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1)];
    const prev = answers[id];
    answers[id] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return answers;
}

function contentFlag(ctx: CommandContext): unknown {
  const raw = stringFlag(ctx, "content");
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidInput(`Invalid --content: expected JSON, got "${raw}"`, `e.g. --content '{"name":"x"}'`);
  }
}

async function listInterrupts(ctx: CommandContext): Promise<void> {
  requireDaemon(ctx, "Cannot list interrupts");
  const page = await invoke<{ items: InterruptView[] }>(ctx, "list_interrupts", {});
  respond(ctx, page, () => page.items.map((i) => i.id), () => {
    if (page.items.length === 0) ctx.out.line("No pending interrupts");
    else printInterruptTable(ctx.out, page.items, Date.now());
  });
}

const list: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "List approvals and questions waiting for a person, oldest first (needs the daemon)",
  run: listInterrupts,
};

const answer: CommandSpec = {
  name: "answer",
  summary: "Answer a pending interrupt (needs the daemon)",
  details: [
    "An approval takes --decision; a question takes one --answer per question id;",
    "an MCP form (elicitation) takes --action, and --content with accept.",
  ].join("\n"),
  args: [{ name: "id", description: "interrupt id from: maestro interrupts", required: true }],
  flags: [
    { name: "decision", type: "string", value: "DECISION", description: "accept, acceptForSession, decline or cancel" },
    { name: "answer", type: "list", value: "QID=VALUE", description: "answer a question by id (a question given twice gets both values)" },
    { name: "action", type: "string", value: "ACTION", description: "accept, decline or cancel (MCP forms)" },
    { name: "content", type: "string", value: "JSON", description: "the form's content, as JSON (with --action accept)" },
  ],
  async run(ctx) {
    const id = arg(ctx, "id");
    const input = present({
      id,
      decision: oneOf(ctx, "decision", DECISIONS),
      answers: answersFlag(ctx),
      action: oneOf(ctx, "action", ACTIONS),
      content: contentFlag(ctx),
    });
    if (Object.keys(input).length === 1) throw invalidInput("Missing answer: pass --decision, --answer or --action", `see: maestro interrupts answer --help`);
    requireDaemon(ctx, `Cannot answer interrupt "${id}"`);
    const r = await invoke<{ id: string; status: string; identifier: string }>(ctx, "answer_interrupt", input);
    respond(ctx, r, () => [r.id], () => ctx.out.line(`Answered interrupt ${r.id} for ${r.identifier}: ${r.status}`));
  },
};

/** `maestro interrupts [list|answer]`: agents' approvals and questions waiting for a person. */
export const interruptsCommand: CommandSpec = {
  name: "interrupts",
  summary: "List the approvals and questions agents wait on, or answer one (needs the daemon)",
  subcommands: [list, answer],
  run: listInterrupts,
};
