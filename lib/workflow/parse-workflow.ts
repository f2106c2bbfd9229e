// WORKFLOW.md text → Workflow: front matter, settings, the three templates.
import { advisories } from "./advisories.ts";
import { DEFAULT_PROMPT } from "./default-prompts.ts";
import { type FrontMatter, readFrontMatter, splitWorkflow } from "./front-matter.ts";
import { readConfig } from "./read-config.ts";
import { isMap } from "./setting.ts";
import { compileTemplate, type TemplateOrigin } from "./template.ts";
import type { ParseOptions, Workflow } from "./types.ts";

export function parseWorkflow(text: string, opts: ParseOptions): Workflow {
  const { path } = opts;
  const parts = splitWorkflow(text);
  const front = readFrontMatter(parts.yaml ?? "", path);
  const { config, warnings } = readConfig(front, { workflowPath: path, env: opts.env, homeDir: opts.homeDir });
  const prompt = parts.body === "" ? DEFAULT_PROMPT : parts.body;
  const bodyOrigin: TemplateOrigin = parts.body === "" ? { path: null, key: "prompt", firstLine: 1 } : { path, key: "prompt", firstLine: parts.bodyLine };
  const templates = {
    implementation: compileTemplate(prompt, bodyOrigin),
    review: compileTemplate(config.phases.review.prompt, phaseOrigin(front, "review")),
    done: compileTemplate(config.phases.done.prompt, phaseOrigin(front, "done")),
  };
  return { path, config, prompt, warnings: [...warnings, ...advisories(config, prompt)], templates };
}

/** Where a phase prompt's first (trimmed) line sits, or a built-in origin when the file has none. */
function phaseOrigin(front: FrontMatter, phase: "review" | "done"): TemplateOrigin {
  const key = `phases.${phase}.prompt`;
  const keys = ["phases", phase, "prompt"];
  const phases = front.data.phases;
  const section = isMap(phases) ? phases[phase] : undefined;
  const raw = isMap(section) ? section.prompt : undefined;
  const line = front.textLine(keys);
  if (typeof raw !== "string" || raw.trim() === "" || line === undefined) return { path: null, key, firstLine: 1 };
  const lead = raw.slice(0, raw.length - raw.trimStart().length);
  return { path: front.path, key, firstLine: line + lead.split("\n").length - 1 };
}

