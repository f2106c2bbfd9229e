import type { Output } from "../runtime/mod.ts";

/** Writes command results: JSON values, aligned tables, key/value blocks. */
export interface Printer {
  line(text?: string): void;
  json(value: unknown): void;
  table(headers: string[], rows: (string | number)[][]): void;
  fields(pairs: [string, string | number | undefined | null][]): void;
}

const MIN_LAST_COLUMN = 12;

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A printer over one output; tables shrink their last column to fit a terminal. */
export function createPrinter(out: Output): Printer {
  return {
    line: (text = "") => out.write(`${text}\n`),
    json: (value) => out.write(`${JSON.stringify(value, null, 2)}\n`),
    table(headers, rows) {
      const cells = rows.map((r) => r.map((c) => String(c).replace(/\s+/g, " ")));
      const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
      const cols = out.columns;
      if (cols && widths.length > 0) {
        const fixed = widths.slice(0, -1).reduce((a, w) => a + w + 2, 0);
        widths[widths.length - 1] = Math.max(MIN_LAST_COLUMN, Math.min(widths.at(-1)!, cols - fixed));
      }
      const render = (r: string[]) =>
        r.map((c, i) => (i === r.length - 1 ? truncate(c, widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
      out.write(`${render(headers)}\n`);
      for (const r of cells) out.write(`${render(r)}\n`);
    },
    fields(pairs) {
      const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== "");
      const w = Math.max(0, ...shown.map(([k]) => k.length)) + 1;
      // Continuation lines of a multi-line value line up under its first line.
      const indent = " ".repeat(w + 1);
      for (const [k, v] of shown) out.write(`${`${k}:`.padEnd(w)} ${String(v).replace(/\r?\n/g, `\n${indent}`)}\n`);
    },
  };
}
