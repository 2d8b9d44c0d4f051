/** Bins a per-step series into `bins` sums. */
export function binLosses(series: readonly number[], bins: number): number[] {
  const out = new Array<number>(Math.max(1, bins)).fill(0);
  if (series.length === 0) return out;
  for (let i = 0; i < series.length; i++) out[Math.min(out.length - 1, Math.floor((i * out.length) / series.length))]! += series[i]!;
  return out;
}
