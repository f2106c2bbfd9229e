// One prompt template: Liquid tags translated to eta, every tag checked
// against the dialect, compiled once; rendered strictly.
import { Eta, EtaParseError, EtaRuntimeError, type Options } from "eta/core";
import { invalidInput } from "../errors.ts";
import { type EtaNode, lowerEtaTags } from "./eta-dialect.ts";
import { translateLiquid } from "./liquid.ts";
import { TEMPLATE_ROOTS } from "./prompt-vars.ts";
import { TemplateRenderFailure, TemplateSyntaxError } from "./template-error.ts";
import { type TemplateHelpers, templateHelpers } from "./template-values.ts";

/** Where a template came from, so messages can name the WORKFLOW.md line. */
export interface TemplateOrigin {
  /** The WORKFLOW.md path, or null for a built-in prompt. */
  path: string | null;
  /** The setting it is: "prompt" (the file's body), "phases.review.prompt", "phases.done.prompt". */
  key: string;
  /** The WORKFLOW.md line the template's first line sits on. */
  firstLine: number;
}

/** A compiled prompt template. */
export interface PromptTemplate {
  readonly source: string;
  readonly origin: TemplateOrigin;
  /** Renders with `context` as `it`; throws MaestroError("invalid_input") naming an unknown variable and its line. */
  render(context: object): string;
}

type RenderOptions = Partial<Options> & { m: TemplateHelpers };
const renderOptions: RenderOptions = { m: templateHelpers };

/** Compiles `source`; throws MaestroError("invalid_input") `<path>: <key>: <reason> (line N)`. */
export function compileTemplate(source: string, origin: TemplateOrigin): PromptTemplate {
  const eta = new Eta({
    autoEscape: false,
    autoTrim: false,
    useWith: false,
    debug: true, // gives every tag its line number
    functionHeader: "const __m = options.m;",
    plugins: [{ processAST: (nodes: EtaNode[]) => lowerEtaTags(nodes, TEMPLATE_ROOTS, origin.firstLine) }],
  });
  let fn: ReturnType<Eta["compile"]>;
  try {
    fn = eta.compile(translateLiquid(source, origin.firstLine));
  } catch (err) {
    const problem = syntaxProblem(err, origin.firstLine);
    if (!problem) throw err;
    const where = origin.path === null ? `built-in ${origin.key}` : `${origin.path}: ${origin.key}`;
    throw invalidInput(`${where}: ${problem.reason} (line ${problem.line})`);
  }
  return {
    source,
    origin,
    render(context) {
      try {
        return fn.call(eta, context, renderOptions);
      } catch (err) {
        const cause = err instanceof EtaRuntimeError ? err.cause : err;
        if (!(cause instanceof TemplateRenderFailure)) throw cause;
        const where = origin.path === null ? `the built-in ${origin.key}` : origin.path;
        throw invalidInput(`template error in ${where} line ${cause.line}: ${cause.reason}`);
      }
    },
  };
}

/** Our own syntax errors, and eta's tokenizer errors ("unclosed tag at line 3 col 5: ..."). */
function syntaxProblem(err: unknown, firstLine: number): { reason: string; line: number } | undefined {
  if (err instanceof TemplateSyntaxError) return err;
  if (!(err instanceof EtaParseError)) return undefined;
  const m = /^(.*?) at line (\d+) col \d+/.exec(err.message);
  if (!m) return undefined;
  const reason = m[1] === "unclosed tag" ? `unclosed "<%" (close it with "%>")` : m[1] ?? "";
  return { reason, line: Number(m[2]) + firstLine - 1 };
}
