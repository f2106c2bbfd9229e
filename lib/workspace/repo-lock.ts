const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` after every earlier call with the same key has settled: git
 * worktree add/remove take repository-wide locks, so calls for one
 * repository go one at a time (within this process).
 */
export function withRepoLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(fn);
  const tail = run.then(
    () => {},
    () => {},
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
