/**
 * The wait before retrying an event whose handler failed: `baseMs` after the first attempt, doubling with each
 * attempt up to `maxMs`. A transient fault (a busy database, a town being saved) clears in the first few
 * retries; a persistent one stops costing much quickly, until the queue gives up after its max attempts.
 */
export function exponentialBackoff(options: { baseMs?: number; maxMs?: number } = {}): (attempts: number) => number {
  const baseMs = options.baseMs ?? 1_000;
  const maxMs = options.maxMs ?? 5 * 60_000;
  return (attempts) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
