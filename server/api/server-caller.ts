import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { SIGN_IN_PATH } from "@/server/auth";

/**
 * tRPC for server components: the same procedures and checks as HTTP, without the round trip.
 * Next renders a page alongside its layout, so a page can call an admin procedure before the layout's
 * requireAdmin() redirect lands: a refused call redirects to sign-in too, rather than erroring.
 */
export const getServerCaller = cache(async () =>
  createCaller(await createTRPCContext({ headers: await headers() }), {
    onError: ({ error }) => {
      if (error.code === "UNAUTHORIZED") redirect(SIGN_IN_PATH);
    },
  }),
);
