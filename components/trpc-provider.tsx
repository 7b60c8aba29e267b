"use client";

import { QueryClient, QueryClientProvider, type QueryObserverOptions } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type QueryDefaults = Pick<QueryObserverOptions, "staleTime" | "refetchOnWindowFocus" | "retry">;

// Server components already fetched the page's data; do not refetch it the moment it hydrates.
const DASHBOARD_QUERIES: QueryDefaults = { staleTime: 30_000, refetchOnWindowFocus: false };

/** tRPC and React Query for a tree of client islands; `headers` go with every request. */
export function TRPCReactProvider({
  queries = DASHBOARD_QUERIES,
  headers,
  children,
}: {
  queries?: QueryDefaults;
  headers?: () => Record<string, string>;
  children: React.ReactNode;
}) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, headers })],
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
