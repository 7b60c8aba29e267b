import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

/** tRPC for server components: the same procedures and checks as HTTP, without the round trip. */
export const getServerCaller = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));
