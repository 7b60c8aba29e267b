/**
 * A per-key fixed-window rate limit, in memory: enough for one process. Behind several processes each
 * enforces its own share; a shared limiter (Redis) is the documented next step if that matters.
 */
export interface RateLimiter {
  /** null when allowed; otherwise the seconds to wait. */
  take(key: string, now?: number): number | null;
}

export function createRateLimiter(perMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now = Date.now()) {
      if (perMinute <= 0) return null;
      const start = now - (now % 60_000);
      const w = windows.get(key);
      if (!w || w.start !== start) {
        if (windows.size > 10_000) windows.clear();
        windows.set(key, { start, count: 1 });
        return null;
      }
      w.count += 1;
      if (w.count <= perMinute) return null;
      return Math.max(1, Math.ceil((start + 60_000 - now) / 1000));
    },
  };
}
