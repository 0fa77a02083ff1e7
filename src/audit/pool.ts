// A bounded pool: runs tasks with at most `size` of them in flight, and
// returns every outcome in task order (a failure is an outcome, not an abort).

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function runPool<T>(
  tasks: readonly (() => Promise<T>)[],
  size: number,
  onSettled?: (index: number, outcome: Outcome<T>) => void,
): Promise<Outcome<T>[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  const results: Outcome<T>[] = new Array(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= tasks.length) return;
      let outcome: Outcome<T>;
      try {
        outcome = { ok: true, value: await tasks[i]!() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      results[i] = outcome;
      onSettled?.(i, outcome);
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

/**
 * `fn` over every item with at most `size` calls in flight; results in item
 * order. Fails with the first error (in item order) once all have settled.
 */
export async function mapLimited<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const outcomes = await runPool(items.map((item) => () => fn(item)), size);
  return outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return o.value;
  });
}
