// Splitting WORKFLOW.md into YAML front matter and the prompt body, and
// reading the YAML with positions so messages can point at a line.
import { isScalar, LineCounter, parseDocument } from "yaml";
import { invalidInput } from "../errors.ts";
import { isMap, show } from "./setting.ts";

/** The file cut in two. Lines are WORKFLOW.md lines (1-based). */
export interface WorkflowParts {
  /** The YAML between the `---` lines; null when the file has none. */
  yaml: string | null;
  /** The prompt template, trimmed; "" when the file has none. */
  body: string;
  bodyLine: number;
}

/**
 * A file that starts with a `---` line has front matter up to the next `---`
 * line; without that closing line the whole rest is YAML and the body is
 * empty. Any other file is all prompt.
 */
export function splitWorkflow(text: string): WorkflowParts {
  const normal = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!normal.startsWith("---\n")) return bodyFrom(normal, 0);
  const close = /^---[ \t]*$/m;
  const rest = normal.slice(4);
  const m = close.exec(rest);
  if (!m) return { yaml: rest, body: "", bodyLine: 1 };
  const afterClose = 4 + m.index + m[0].length + 1;
  const parts = bodyFrom(normal, afterClose);
  return { ...parts, yaml: rest.slice(0, m.index) };
}

function bodyFrom(text: string, from: number): WorkflowParts {
  const tail = text.slice(from);
  const lead = tail.length - tail.trimStart().length;
  const bodyLine = lineAt(text, from + lead);
  return { yaml: null, body: tail.trim(), bodyLine };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Parsed front matter that can say where each value sits in the file. */
export interface FrontMatter {
  readonly path: string;
  readonly data: Record<string, unknown>;
  /** `<path>:<line>:<col>` of the value at `keys`, or `<path>` when it has no place in the file. */
  where(keys: readonly string[]): string;
  /**
   * The WORKFLOW.md line where the text of the string at `keys` begins:
   * the line after the indicator for block scalars (`|`, `>`).
   */
  textLine(keys: readonly string[]): number | undefined;
}

// The YAML starts on line 2, after the opening `---`.
const YAML_FIRST_LINE = 2;

/**
 * Parses the front matter; throws MaestroError("invalid_input") as
 * `<path>:<line>:<col>: <yaml's reason>`, or when it is not a map.
 */
export function readFrontMatter(yaml: string, path: string): FrontMatter {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: line + YAML_FIRST_LINE - 1, col };
  };
  const first = doc.errors[0];
  if (first) {
    const { line, col } = position(first.pos[0]);
    throw invalidInput(`${path}:${line}:${col}: ${first.message}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw invalidInput(`${path}: front matter: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (data === null || data === undefined) data = {};
  if (!isMap(data)) {
    throw invalidInput(`${path}: front matter must be a YAML map of settings (key: value lines), got ${show(data)}`);
  }
  const nodeStart = (keys: readonly string[]) => {
    const node = doc.getIn(keys, true);
    const range = node && typeof node === "object" && "range" in node ? node.range : undefined;
    return Array.isArray(range) && typeof range[0] === "number" ? { node, start: range[0] } : undefined;
  };
  return {
    path,
    data,
    where(keys) {
      const found = nodeStart(keys);
      if (!found) return path;
      const { line, col } = position(found.start);
      return `${path}:${line}:${col}`;
    },
    textLine(keys) {
      const found = nodeStart(keys);
      if (!found) return undefined;
      const block = isScalar(found.node) && (found.node.type === "BLOCK_LITERAL" || found.node.type === "BLOCK_FOLDED");
      return position(found.start).line + (block ? 1 : 0);
    },
  };
}
