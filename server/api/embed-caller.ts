import { cookies } from "next/headers";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getDatabase } from "@/server/db";
import {
  EMBED_SESSION_COOKIE,
  EMBED_SESSION_HEADER,
  embedSecret,
  signEmbedSession,
  verifyEmbedSession,
  verifyEmbedToken,
  type EmbedTokenFailure,
  type EmbedViewer,
} from "@/server/auth/embed-token";

export type EmbedDenial = EmbedTokenFailure | "session-ended";

export type EmbedAccess =
  { ok: true; viewer: EmbedViewer; session: string; caller: ReturnType<typeof createCaller> } | { ok: false; reason: EmbedDenial };

/**
 * Who an embed page is for. A `?token=` in the URL decides when present (a bad one is refused even if an
 * earlier visit left a valid cookie); without one, the session cookie set by proxy.ts. The page then reads
 * through the same embed procedures as its islands, with a session of its own that ends no later than the
 * one it came with.
 */
export async function openEmbed(token: string | string[] | undefined): Promise<EmbedAccess> {
  const secret = embedSecret();
  let viewer: EmbedViewer;
  if (token !== undefined) {
    if (Array.isArray(token)) return { ok: false, reason: "malformed" };
    const check = await verifyEmbedToken(token, secret);
    if (!check.ok) return check;
    viewer = check.viewer;
  } else {
    const cookie = (await cookies()).get(EMBED_SESSION_COOKIE)?.value;
    if (!cookie) return { ok: false, reason: "missing" };
    const check = await verifyEmbedSession(cookie, secret);
    if (!check.ok) return { ok: false, reason: "session-ended" };
    viewer = check.viewer;
  }
  const session = await signEmbedSession(viewer, secret, token === undefined ? { expiresAt: viewer.expiresAt } : {});
  const database = await getDatabase();
  const caller = createCaller(
    createInnerContext({ db: database.prisma, databaseKind: database.kind, headers: new Headers({ [EMBED_SESSION_HEADER]: session }) }),
  );
  return { ok: true, viewer, session, caller };
}
