import { spawnSync } from "node:child_process";

/** The q-quantile of numbers (the sample at index ⌊q·n⌋ once sorted). */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Median of numbers. */
export const median = (xs: number[]) => quantile(xs, 0.5);

/** Wall time of one process run, in ms; throws if it fails. */
export function timeProcess(argv: string[], env?: NodeJS.ProcessEnv, cwd?: string): number {
  const t = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, cwd, encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${(r.stderr || r.stdout || "").trim().split("\n")[0]}`);
  return ms;
}

/**
 * Runs each named command once per round, interleaved (A B C A B C ...), so
 * drift in machine speed hits all of them alike; returns median ms per name.
 */
export async function interleaved(commands: Record<string, () => number | Promise<number>>, rounds: number): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const run of Object.values(commands)) await run(); // warm-up: file cache, Deno's code cache
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(commands)) samples[name]!.push(await run());
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export const fmt = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? "—" : x.toFixed(digits));

/** Prints a titled table with aligned columns. */
export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const w = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  console.log(`\n## ${title}`);
  console.log(headers.map((h, i) => h.padEnd(w[i]!)).join("  "));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of cells) console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  "));
}
