const MAX_LINES = 20;
const MAX_CHARS = 2048;

/** The end of a program's output for an error message: its last 20 lines, at most 2 KB. */
export function outputTail(stdout: string, stderr: string): string {
  const text = [stdout.trimEnd(), stderr.trimEnd()].filter((part) => part !== "").join("\n");
  const lines = text.split("\n").slice(-MAX_LINES).join("\n");
  return lines.length > MAX_CHARS ? `…${lines.slice(-MAX_CHARS)}` : lines;
}
