// When to try again after failed syncs (docs/sync-protocol.md, C7): exponential backoff with full
// jitter, as in "Exponential Backoff And Jitter" (AWS Architecture Blog): after the n-th failure
// in a row, wait a time drawn uniformly from [0, min(cap, base·2^(n-1))). Jitter spreads the
// clients a server outage knocked off at once, so they do not all come back in the same second.
// Pure: the random draw is given.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, capMs: 5 * 60_000 };

/** The longest wait after `failures` failures in a row (0 before any). */
export function backoffCeiling(failures: number, policy: BackoffPolicy = defaultBackoff): number {
  if (failures <= 0) return 0;
  // 2^(n-1) overflows nothing for n ≤ 1024 and passes the cap long before: clamp n first.
  const doublings = Math.min(failures - 1, 52);
  return Math.min(policy.capMs, policy.baseMs * 2 ** doublings);
}

/** The wait before the next try after `failures` failures in a row; `draw` is uniform in [0, 1). */
export function retryDelay(failures: number, draw: number, policy: BackoffPolicy = defaultBackoff): number {
  const clamped = Math.min(Math.max(draw, 0), 1 - Number.EPSILON);
  return Math.floor(clamped * backoffCeiling(failures, policy));
}
