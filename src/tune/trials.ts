/** Running trials concurrently: at most `concurrency` at a time, results in the order of the tasks. */

/**
 * Calls `run` on every task with at most `concurrency` calls in flight (default 1: one after the
 * other); `onResult` sees each result as it arrives. The first failure rejects after the running
 * calls settle, and no new task starts.
 */
export async function runTrials<T, R>(
  tasks: readonly T[], run: (task: T, index: number) => Promise<R>,
  options: { concurrency?: number; onResult?: (result: R, index: number) => void } = {},
): Promise<R[]> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`runTrials: concurrency must be a positive integer, got ${concurrency}`);
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failed: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !failed) {
      const i = next++;
      try {
        results[i] = await run(tasks[i]!, i);
        options.onResult?.(results[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
  if (failed) throw (failed as { error: unknown }).error;
  return results;
}
