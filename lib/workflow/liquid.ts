// The Liquid subset older WORKFLOW.md files use (Maestro's Go version and
// Symphony), translated once at load into the eta dialect (eta-dialect.ts):
//
//   {{ a.b }}                                  → <%= it.a.b %>
//   {% if a.b %} … {% else %} … {% endif %}    → <% if (it.a.b) { %> … <% } else { %> … <% } %>
//   {% for x in a.b %} … {{ x.c }} … {% endfor %} → <% for (const x of it.a.b) { %> … <%= x.c %> … <% } %>
//   {{- / -}} and {%- / -%}                    → eta's <%_ / _%> (trim all whitespace on that side)
//
// Each tag is replaced in place and keeps its line breaks, so eta's line
// numbers are the template's own. Filters, other tags and expressions are
// errors that name them.
import { TemplateSyntaxError } from "./template-error.ts";

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const PATH = new RegExp(`^${NAME}(?:\\.${NAME})*$`);
const LOOP = new RegExp(`^for\\s+(${NAME})\\s+in\\s+(${NAME}(?:\\.${NAME})*)$`);
const TAGS = ["if", "else", "endif", "for", "endfor"];

interface Block {
  kind: "if" | "for";
  line: number;
  loopName?: string;
  hasElse?: boolean;
}

interface Tag {
  /** What sits between the delimiters, without trim markers. */
  body: string;
  trimLeft: boolean;
  trimRight: boolean;
  /** Line breaks inside the tag, kept so later lines keep their numbers. */
  breaks: string;
}

/**
 * Translates every Liquid tag of `source` into eta; eta tags already there
 * pass through. Errors count lines from `firstLine` (the WORKFLOW.md line of
 * the template's first line).
 */
export function translateLiquid(source: string, firstLine: number): string {
  const blocks: Block[] = [];
  let out = "";
  let from = 0;
  let line = firstLine;
  const open = /\{\{|\{%/g;
  for (let m = open.exec(source); m; m = open.exec(source)) {
    line += countBreaks(source, from, m.index);
    const isOutput = m[0] === "{{";
    const closer = isOutput ? "}}" : "%}";
    const end = source.indexOf(closer, m.index + 2);
    if (end === -1) throw new TemplateSyntaxError(`unclosed "${m[0]}" (close it with "${closer}")`, line);
    const tag = readTag(source.slice(m.index + 2, end));
    const eta = isOutput ? translateOutput(tag, blocks, line) : translateStatement(tag, blocks, line);
    out += source.slice(from, m.index) + `<%${tag.trimLeft ? "_" : ""}${eta}${tag.breaks}${tag.trimRight ? "_" : ""}%>`;
    line += tag.breaks.length;
    from = end + 2;
    open.lastIndex = from;
  }
  const unclosed = blocks.at(-1);
  if (unclosed) {
    throw new TemplateSyntaxError(`"${unclosed.kind}" is never closed (add {% end${unclosed.kind} %})`, unclosed.line);
  }
  return out + source.slice(from);
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function readTag(raw: string): Tag {
  const trimLeft = raw.startsWith("-");
  const trimRight = raw.endsWith("-") && raw.length > (trimLeft ? 1 : 0);
  const body = raw.slice(trimLeft ? 1 : 0, trimRight ? -1 : undefined).trim();
  return { body, trimLeft, trimRight, breaks: "\n".repeat(countBreaks(raw, 0, raw.length)) };
}

function translateOutput(tag: Tag, blocks: Block[], line: number): string {
  if (tag.body === "") throw new TemplateSyntaxError(`empty "{{ }}" (name a variable such as issue.title)`, line);
  const pipe = tag.body.indexOf("|");
  if (pipe !== -1) {
    const filter = tag.body.slice(pipe + 1).trim().split(/[\s:]/)[0] ?? "";
    throw new TemplateSyntaxError(`unknown filter "${filter}" (templates have no filters)`, line);
  }
  return `= ${variable(tag.body, blocks, line, "expression")} `;
}

function translateStatement(tag: Tag, blocks: Block[], line: number): string {
  const name = tag.body.split(/\s+/)[0] ?? "";
  const rest = tag.body.slice(name.length).trim();
  if (!TAGS.includes(name)) {
    const shown = name === "" ? "{% %}" : name;
    throw new TemplateSyntaxError(`unknown tag "${shown}" (use if, else, endif, for or endfor)`, line);
  }
  if (name !== "if" && name !== "for" && rest !== "") {
    throw new TemplateSyntaxError(`"${name}" takes nothing after it, got "${rest}"`, line);
  }
  switch (name) {
    case "if":
      if (rest === "") throw new TemplateSyntaxError(`empty condition in "{% if %}" (name a variable such as attempt)`, line);
      blocks.push({ kind: "if", line });
      return ` if (${variable(rest, blocks, line, "condition")}) { `;
    case "for":
      return ` ${openLoop(tag.body, blocks, line)} `;
    case "else": {
      const top = blocks.at(-1);
      if (top?.kind !== "if") throw new TemplateSyntaxError(`"else" outside an "if"`, line);
      if (top.hasElse) throw new TemplateSyntaxError(`second "else" in the "if" from line ${top.line}`, line);
      top.hasElse = true;
      return " } else { ";
    }
    default:
      closeBlock(name === "endif" ? "if" : "for", blocks, line);
      return " } ";
  }
}

function openLoop(body: string, blocks: Block[], line: number): string {
  const m = LOOP.exec(body);
  if (!m) throw new TemplateSyntaxError(`"{% ${body} %}" is not "for name in list"`, line);
  const [, loopName = "", list = ""] = m;
  if (loopName === "it") throw new TemplateSyntaxError(`"it" cannot name a loop variable (it is the root of every eta variable)`, line);
  const source = variable(list, blocks, line, "list");
  blocks.push({ kind: "for", line, loopName });
  return `for (const ${loopName} of ${source}) {`;
}

function closeBlock(kind: "if" | "for", blocks: Block[], line: number): void {
  const top = blocks.pop();
  if (!top) throw new TemplateSyntaxError(`"end${kind}" closes nothing`, line);
  if (top.kind !== kind) throw new TemplateSyntaxError(`"end${kind}" closes the "${top.kind}" from line ${top.line}`, line);
}

/** A dotted name as eta reads it: loop variables bare, everything else through `it.`. */
function variable(text: string, blocks: Block[], line: number, what: "expression" | "condition" | "list"): string {
  if (!PATH.test(text)) {
    const only = what === "condition" ? "only a variable such as attempt: no comparisons, and, or" : "only a variable such as issue.title";
    throw new TemplateSyntaxError(`unsupported ${what} "${text}" (${only})`, line);
  }
  const root = text.split(".")[0];
  return blocks.some((b) => b.loopName === root) ? text : `it.${text}`;
}
