import { getDatabase } from "@/server/db";
import { env } from "@/server/env";
import { createXapiHandler } from "@/server/api/xapi-http";

// xAPI statements (API.md): more specific than app/api/v1/[...path], so Next routes /api/v1/xapi/* here.
export const dynamic = "force-dynamic";

let handler: ((req: Request) => Promise<Response>) | undefined;
const handle = (req: Request) => (handler ??= createXapiHandler({ getDatabase, rateLimitPerMinute: env().RATE_LIMIT_PER_MINUTE }))(req);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
