import { createRestHandler } from "@/server/api/rest";
import { getDatabase } from "@/server/db";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

let handler: ((req: Request) => Promise<Response>) | undefined;
const handle = (req: Request) =>
  (handler ??= createRestHandler({ getDatabase, rateLimitPerMinute: env().RATE_LIMIT_PER_MINUTE }))(req);

export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
