"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { useState } from "react";
import superjson from "superjson";
import { TRPCProvider } from "@/components/trpc-provider";
import type { AppRouter } from "@/server/api/root";
import { EMBED_SESSION_HEADER } from "@/server/auth/embed-constants";

/**
 * tRPC for the embed's islands. They send the session the page was rendered with in a header, so they work
 * even where the browser keeps no third-party cookies, and a cross-site request cannot act for the learner.
 */
export function EmbedProviders({ session, children }: { session: string; children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // The page arrives with its data; refetch only when the learner asks for something else.
          queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, headers: () => ({ [EMBED_SESSION_HEADER]: session }) })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
