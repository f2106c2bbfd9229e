// The eta dialect WORKFLOW.md templates may use, checked tag by tag and
// rewritten into code that only Maestro writes. Accepted (delimiters <% %>):
//
//   <%= path %>  (or <%~ path %>)                 print a value; nothing is escaped
//   <% if (path) { %> … <% } else { %> … <% } %>  truthiness as in Liquid
//   <% for (const name of path) { %> … <% } %>    (`let` also accepted)
//   <%- -%> trim one line break, <%_ _%> trim all whitespace (eta's own markers)
//
//   path := it.name(.name)*  |  loopName(.name)*
//
// Anything else inside <% %> — calls, operators, strings, other statements,
// includes, layouts — is a syntax error. A template is configuration, not a
// program: it cannot run code in the daemon, and every variable it reads is
// known by name, so an unknown one fails at load (its root) or at render (a
// field), with its line.
import { TemplateSyntaxError } from "./template-error.ts";

/** eta's parsed tag (its AstObject): t is "i" interpolate, "r" raw, "e" exec. */
export interface EtaTag {
  t: string;
  val: string;
  lineNo?: number;
}
export type EtaNode = string | EtaTag;

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const PATH_SRC = `${NAME}(?:\\.${NAME})*`;
const PATH = new RegExp(`^${PATH_SRC}$`);
const IF = new RegExp(`^if\\s*\\(\\s*(${PATH_SRC})\\s*\\)\\s*\\{$`);
const FOR = new RegExp(`^for\\s*\\(\\s*(?:const|let)\\s+(${NAME})\\s+of\\s+(${PATH_SRC})\\s*\\)\\s*\\{$`);
const ELSE = /^\}\s*else\s*\{$/;
const END = /^\}$/;
const FORMS = "<%= it.path %>, <% if (it.path) { %>, <% } else { %>, <% for (const x of it.path) { %> or <% } %>";

interface Block {
  kind: "if" | "for";
  line: number;
  loopName?: string;
  hasElse?: boolean;
}

/**
 * Checks every tag against the dialect and replaces its code with calls to
 * the render helpers (`__m`, see template-values.ts). `roots` are the
 * variables a template may read at top level. Lines, in errors and in the
 * generated calls, count from `firstLine` (the template's WORKFLOW.md line).
 */
export function lowerEtaTags(nodes: readonly EtaNode[], roots: readonly string[], firstLine: number): EtaNode[] {
  const blocks: Block[] = [];
  const out = nodes.map((node) => {
    if (typeof node === "string") return node;
    const line = (node.lineNo ?? 1) + firstLine - 1;
    const code = node.val.trim();
    if (node.t === "i" || node.t === "r") return { ...node, val: `__m.print(${read(code, blocks, roots, line)})` };
    return { ...node, t: "e", val: lowerStatement(code, blocks, roots, line) };
  });
  const unclosed = blocks.at(-1);
  if (unclosed) {
    throw new TemplateSyntaxError(`"${unclosed.kind}" is never closed (add <% } %>)`, unclosed.line);
  }
  return out;
}

function lowerStatement(code: string, blocks: Block[], roots: readonly string[], line: number): string {
  const ifMatch = IF.exec(code);
  if (ifMatch) {
    const condition = read(ifMatch[1] ?? "", blocks, roots, line);
    blocks.push({ kind: "if", line });
    return `if (__m.truthy(${condition})) {`;
  }
  const forMatch = FOR.exec(code);
  if (forMatch) {
    const [, loopName = "", list = ""] = forMatch;
    if (loopName === "it") throw new TemplateSyntaxError(`"it" cannot name a loop variable`, line);
    const items = read(list, blocks, roots, line);
    blocks.push({ kind: "for", line, loopName });
    const shown = list.startsWith("it.") ? list.slice(3) : list;
    return `for (const ${loopVar(loopName)} of __m.list(${items}, ${JSON.stringify(shown)}, ${line})) {`;
  }
  if (ELSE.test(code)) {
    const top = blocks.at(-1);
    if (top?.kind !== "if") throw new TemplateSyntaxError(`"<% } else { %>" outside an "if"`, line);
    if (top.hasElse) throw new TemplateSyntaxError(`second "else" in the "if" from line ${top.line}`, line);
    top.hasElse = true;
    return "} else {";
  }
  if (END.test(code)) {
    if (!blocks.pop()) throw new TemplateSyntaxError(`"<% } %>" closes nothing`, line);
    return "}";
  }
  throw new TemplateSyntaxError(`unsupported tag "<% ${shorten(code)} %>" (use ${FORMS})`, line);
}

/** Code that reads `path` strictly; `it.` paths must start at a known root. */
function read(path: string, blocks: Block[], roots: readonly string[], line: number): string {
  if (!PATH.test(path)) {
    throw new TemplateSyntaxError(`unsupported expression "${shorten(path)}" (print a variable such as <%= it.issue.title %>)`, line);
  }
  const [head = "", ...keys] = path.split(".");
  const at = (source: string, fields: string[], shown: string) =>
    `__m.get(${source}, ${JSON.stringify(fields)}, ${JSON.stringify(shown)}, ${line})`;
  if (blocks.some((b) => b.loopName === head)) return at(loopVar(head), keys, path);
  if (head !== "it") {
    throw new TemplateSyntaxError(`unknown variable "${path}" (eta templates read variables through it., e.g. it.${path})`, line);
  }
  const shown = keys.join(".");
  if (keys.length === 0) throw new TemplateSyntaxError(`"it" alone is not a variable (name one, e.g. it.issue.title)`, line);
  if (!roots.includes(keys[0] ?? "")) {
    throw new TemplateSyntaxError(`unknown variable "${shown}" (known: ${roots.join(", ")})`, line);
  }
  return at("it", keys, shown);
}

// Loop variables get a prefix so a name can never collide with eta's own locals.
const loopVar = (name: string) => `__loop_${name}`;

const shorten = (code: string) => {
  const flat = code.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
};
