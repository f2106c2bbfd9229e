import type { TokenTotals } from "./types.ts";

/** All zero. */
export const noTokens = (): TokenTotals => ({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 });

const FIELDS = ["inputTokens", "cachedInputTokens", "outputTokens", "reasoningOutputTokens", "totalTokens"] as const;

/** A breakdown from `tokenUsage.total`, or undefined when it has no numbers. */
export function readTotals(v: unknown): TokenTotals | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.totalTokens !== "number") return undefined;
  const t = noTokens();
  for (const f of FIELDS) t[f] = typeof o[f] === "number" ? (o[f] as number) : 0;
  return t;
}

export function addTokens(a: TokenTotals, b: TokenTotals): TokenTotals {
  const t = noTokens();
  for (const f of FIELDS) t[f] = a[f] + b[f];
  return t;
}

/**
 * Per-thread high-water marks of Codex's absolute token totals
 * (thread/tokenUsage/updated, codex-app-server.md §7), turned into deltas so
 * nothing is counted twice. A thread starts from its `baseline` (totals the
 * caller persisted), else from zero; a resumed thread without a baseline
 * takes its first total (the replay of its history) as the mark. A total
 * below the mark is ignored.
 */
export class TokenLedger {
  readonly #marks = new Map<string, TokenTotals>();
  readonly #seedOnFirst = new Set<string>();

  constructor(baseline: Record<string, TokenTotals> = {}) {
    for (const [thread, totals] of Object.entries(baseline)) this.#marks.set(thread, { ...totals });
  }

  /** The next total for `threadId` starts its count (a resumed thread whose earlier spend is unknown). */
  seedOnFirst(threadId: string): void {
    if (!this.#marks.has(threadId)) this.#seedOnFirst.add(threadId);
  }

  /** Records an absolute total; returns what it adds (undefined: nothing new). */
  record(threadId: string, total: TokenTotals): TokenTotals | undefined {
    const mark = this.#marks.get(threadId);
    if (this.#seedOnFirst.delete(threadId) && !mark) {
      this.#marks.set(threadId, { ...total });
      return undefined;
    }
    const base = mark ?? noTokens();
    if (total.totalTokens < base.totalTokens) return undefined;
    const delta = noTokens();
    for (const f of FIELDS) delta[f] = Math.max(0, total[f] - base[f]);
    this.#marks.set(threadId, { ...total });
    return delta.totalTokens > 0 || FIELDS.some((f) => delta[f] > 0) ? delta : undefined;
  }

  /** The last absolute totals per thread (to persist, and to pass back as a baseline). */
  totals(): Record<string, TokenTotals> {
    return Object.fromEntries([...this.#marks].map(([k, v]) => [k, { ...v }]));
  }
}
