/** Waiting on the outside world in tests: real processes and daemons, polled. */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `probe` every `every` ms until it returns a value; throws "never happened: WHAT" after `ms`.
 * A probe that starts a process each time wants a longer `every`.
 */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 30_000, every = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await sleep(every);
  }
}
