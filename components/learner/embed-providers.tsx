"use client";

import { TRPCReactProvider } from "@/components/trpc-provider";
import { EMBED_SESSION_HEADER } from "@/server/auth/embed-constants";

// The page arrives with its data; refetch only when the learner asks for something else.
const EMBED_QUERIES = { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 };

/**
 * tRPC for the embed's islands. They send the session the page was rendered with in a header, so they work
 * even where the browser keeps no third-party cookies, and a cross-site request cannot act for the learner.
 */
export function EmbedProviders({ session, children }: { session: string; children: React.ReactNode }) {
  return (
    <TRPCReactProvider queries={EMBED_QUERIES} headers={() => ({ [EMBED_SESSION_HEADER]: session })}>
      {children}
    </TRPCReactProvider>
  );
}
