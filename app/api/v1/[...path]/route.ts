import { asRouteHandler } from "@/server/api/http-exchange";
import { createRestHandler } from "@/server/api/rest";
import { getDatabase } from "@/server/db";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

const handle = asRouteHandler(() => createRestHandler({ getDatabase, rateLimitPerMinute: env().RATE_LIMIT_PER_MINUTE }));

export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
