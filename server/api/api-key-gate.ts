import type { Db } from "@/server/db";
import { authenticateApiKey } from "@/server/auth";
import { env } from "@/server/env";
import { fail, type ApiRequest, type ApiResponse } from "./http-exchange";
import { createRateLimiter } from "./rate-limit";

// The first step of every LMS API request, REST and xAPI alike: a valid API key, then that key's share of the
// rate limit (counted per key, so one LMS cannot use up another's; one count across instances: rate-limit.ts).

export type ApiKeyCheck = { ok: true; apiKey: { id: number; name: string } } | { ok: false; response: ApiResponse };

export interface ApiKeyGateOptions {
  rateLimitPerMinute: number;
  /** Accept the key as the password of HTTP Basic too (xAPI clients send it so), besides Bearer. */
  basic?: boolean;
  /** The answer to a request without a valid key: each face says how it takes one. */
  unauthorized: () => ApiResponse;
}

export function createApiKeyGate(options: ApiKeyGateOptions) {
  const limiter = createRateLimiter(options.rateLimitPerMinute, { redisUrl: env().REDIS_URL });
  return async (db: Db, headers: ApiRequest["headers"]): Promise<ApiKeyCheck> => {
    const apiKey = await authenticateApiKey(db, headers, { basic: options.basic });
    if (!apiKey) return { ok: false, response: options.unauthorized() };
    const retryAfter = await limiter.take(db, apiKey.id);
    if (retryAfter !== null) {
      return {
        ok: false,
        response: fail("TOO_MANY_REQUESTS", `Rate limit exceeded; retry in ${retryAfter} s.`, {}, { "retry-after": String(retryAfter) }),
      };
    }
    return { ok: true, apiKey };
  };
}
