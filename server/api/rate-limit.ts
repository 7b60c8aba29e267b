import { Redis } from "ioredis";
import { sqlOf, type Db } from "@/server/db";
import { describeError, logger } from "@/server/log";

/**
 * The per-key rate limit: a fixed window of one minute, one count for every instance of the app. In
 * PostgreSQL by default (one atomic upsert per request, on the database's clock, so instances whose clocks
 * differ still share one window), or in Redis when REDIS_URL is set (one INCR per request). A Redis that is
 * down or slow does not take the API down: the request is counted in PostgreSQL instead, and a warning is
 * logged once per outage. Falling back rather than letting requests through keeps the limit one limit while
 * Redis is away (a client hammering the API then is exactly what it is for); PostgreSQL is up whenever the
 * API can answer at all.
 */
export interface RateLimiter {
  /** null when allowed; otherwise the seconds to wait. */
  take(db: Db, key: number): Promise<number | null>;
}

const WINDOW_MS = 60_000;
// Redis answers in well under a millisecond; past this it is treated as away for this request.
const REDIS_TIMEOUT_MS = 250;

// A later window resets the count; a request stamped with an earlier one (it began before the minute turned)
// counts in the current one, so a window is never reopened.
const UPSERT = `
INSERT INTO api_rate_window AS w (api_key_id, window_start, count) VALUES ($1, date_trunc('minute', now()), 1)
ON CONFLICT (api_key_id) DO UPDATE
  SET count = CASE WHEN EXCLUDED.window_start > w.window_start THEN 1 ELSE w.count + 1 END,
      window_start = GREATEST(w.window_start, EXCLUDED.window_start)
RETURNING count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS wait`;

export function createRateLimiter(perMinute: number, options: { redisUrl?: string } = {}): RateLimiter {
  const inPostgres = async (db: Db, key: number) => {
    const [row] = await sqlOf(db).query<{ count: number; wait: number }>(UPSERT, [key]);
    return row!.count <= perMinute ? null : Math.max(1, row!.wait);
  };
  if (perMinute <= 0) return { take: async () => null };
  if (!options.redisUrl) return { take: inPostgres };

  const redis = redisClient(options.redisUrl);
  return {
    async take(db, key) {
      if (!(await redis.usable())) return inPostgres(db, key);
      const now = Date.now();
      const start = now - (now % WINDOW_MS);
      try {
        const name = `gamify:rate:${key}:${start}`;
        const replies = await redis.client.multi().incr(name).pexpire(name, WINDOW_MS).exec();
        const count = Number(replies?.[0]?.[1]);
        if (!Number.isFinite(count)) throw new Error("Redis answered no count");
        return count <= perMinute ? null : Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
      } catch (err) {
        redis.warn(err);
        return inPostgres(db, key);
      }
    },
  };
}

// One client per process and URL (the production server holds two copies of this module). While it is not
// connected, requests are counted in PostgreSQL at once (no offline queue) and it reconnects in the background;
// a command that stalls fails after REDIS_TIMEOUT_MS. The first request waits for the first connection.
interface SharedRedis {
  client: Redis;
  usable(): Promise<boolean>;
  warn(err: unknown): void;
}

function redisClient(url: string): SharedRedis {
  const clients = ((globalThis as unknown as Record<symbol, Map<string, SharedRedis>>)[Symbol.for("gamify.redisClients")] ??= new Map());
  let shared = clients.get(url);
  if (!shared) {
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: REDIS_TIMEOUT_MS });
    let away = false;
    const warn = (err: unknown) => {
      if (!away) logger().warn({ msg: "rate limit: Redis unavailable, counting in PostgreSQL meanwhile", err: describeError(err) });
      away = true;
    };
    const firstConnection = new Promise<void>((resolve) => {
      client.once("ready", resolve);
      client.once("error", () => resolve());
      setTimeout(resolve, 1_000).unref();
    });
    client.on("error", warn);
    client.on("ready", () => {
      if (away) logger().info({ msg: "rate limit: Redis is back, counting there again" });
      away = false;
    });
    shared = { client, warn, usable: async () => (await firstConnection, client.status === "ready") };
    clients.set(url, shared);
  }
  return shared;
}
