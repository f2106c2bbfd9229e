// Reading WORKFLOW.md through the injected file access, then parsing it.
import { notFound, unavailable } from "../errors.ts";
import type { FileInfo, FileSystem } from "../runtime/mod.ts";
import { parseWorkflow } from "./parse-workflow.ts";
import { dirname } from "./posix-path.ts";
import type { ParseOptions, Workflow } from "./types.ts";

/** The two file operations workflow/ needs; lib/runtime's FileSystem has them. */
export interface WorkflowFiles {
  readText: FileSystem["readText"];
  /** undefined when nothing is at `path`. */
  stat(path: string): (Pick<FileInfo, "size"> & Partial<Pick<FileInfo, "mtimeMs">>) | undefined;
}

export type LoadOptions = Omit<ParseOptions, "path">;

export function loadWorkflow(files: WorkflowFiles, path: string, opts: LoadOptions): Workflow {
  if (!files.stat(path)) throw missingWorkflow(path);
  return parseWorkflow(readWorkflowText(files, path), { ...opts, path });
}

export function missingWorkflow(path: string) {
  return notFound(`No WORKFLOW.md at ${path}`, `create one with: maestro workflow init ${dirname(path)}`);
}

/** The file's text; a file that vanished since stat is missing, any other failure unavailable. */
export function readWorkflowText(files: WorkflowFiles, path: string): string {
  try {
    return files.readText(path);
  } catch (err) {
    if (typeof err === "object" && err !== null && "code" in err && err.code === "ENOENT") throw missingWorkflow(path);
    throw unavailable(`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
