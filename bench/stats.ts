// Summary statistics for timings: the median and percentiles (linear interpolation between the
// two nearest ranks, as numpy's default), over a copy, so callers may keep their samples in order.

/** The p-th percentile (0–100) of `values`. Throws on an empty list: a figure of nothing is a bug. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0–100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The median of several repetitions' figures, with the figures kept for the results file. */
export interface Repeated {
  median: number;
  samples: number[];
}

export function repeated(samples: readonly number[]): Repeated {
  return { median: median(samples), samples: [...samples] };
}
