import { asRouteHandler } from "@/server/api/http-exchange";
import { createXapiHandler } from "@/server/api/xapi-http";
import { getDatabase } from "@/server/db";
import { env } from "@/server/env";

// xAPI statements (API.md): more specific than app/api/v1/[...path], so Next routes /api/v1/xapi/* here.
export const dynamic = "force-dynamic";

const handle = asRouteHandler(() => createXapiHandler({ getDatabase, rateLimitPerMinute: env().RATE_LIMIT_PER_MINUTE }));

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
