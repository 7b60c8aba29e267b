import { cookies } from "next/headers";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getDatabase } from "@/server/db";
import {
  EMBED_SESSION_COOKIE,
  EMBED_SESSION_HEADER,
  EMBED_SESSION_TTL_SECONDS,
  embedSecret,
  signEmbedSession,
  verifyEmbedSession,
  verifyEmbedToken,
  type EmbedTokenFailure,
  type EmbedViewer,
} from "@/server/auth/embed-token";
import { signEmbedViewLink, verifyEmbedViewLink } from "@/server/auth/embed-view-link";

export type EmbedDenial = EmbedTokenFailure | "session-ended" | "bad-view-link";

export type EmbedAccess =
  | { ok: true; viewer: EmbedViewer; session: string; viewLink: string; caller: ReturnType<typeof createCaller> }
  | { ok: false; reason: EmbedDenial };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? null : value);

/**
 * Who an embed page is for. A `?token=` in the URL decides when present (a bad one is refused even if an
 * earlier visit left a valid cookie); else a `?view=` link token from the tabs (server/auth/embed-view-link.ts:
 * navigation in a cross-site iframe, where no cookie travels); else the session cookie set by proxy.ts. The
 * page then reads through the same embed procedures as its islands, with a session of its own, and makes the
 * links to the other views; both end no later than the session it came with.
 */
export async function openEmbed(token: string | string[] | undefined, view?: string | string[]): Promise<EmbedAccess> {
  const secret = embedSecret();
  let viewer: EmbedViewer;
  if (token !== undefined) {
    const value = one(token);
    if (value == null) return { ok: false, reason: "malformed" };
    const check = await verifyEmbedToken(value, secret);
    if (!check.ok) return check;
    // The exchange grants a session of its own length (an hour), as the cookie does.
    viewer = { ...check.viewer, expiresAt: new Date(Date.now() + EMBED_SESSION_TTL_SECONDS * 1000) };
  } else if (view !== undefined) {
    const value = one(view);
    const check = value == null ? null : await verifyEmbedViewLink(value, secret);
    if (!check?.ok) return { ok: false, reason: check?.reason === "expired" ? "session-ended" : "bad-view-link" };
    viewer = check.viewer;
  } else {
    const cookie = (await cookies()).get(EMBED_SESSION_COOKIE)?.value;
    if (!cookie) return { ok: false, reason: "missing" };
    const check = await verifyEmbedSession(cookie, secret);
    if (!check.ok) return { ok: false, reason: "session-ended" };
    viewer = check.viewer;
  }
  const [session, viewLink] = await Promise.all([
    signEmbedSession(viewer, secret, { expiresAt: viewer.expiresAt }),
    signEmbedViewLink(viewer, secret, viewer.expiresAt),
  ]);
  const database = await getDatabase();
  const caller = createCaller(
    createInnerContext({ db: database.prisma, databaseKind: database.kind, headers: new Headers({ [EMBED_SESSION_HEADER]: session }) }),
  );
  return { ok: true, viewer, session, viewLink, caller };
}
