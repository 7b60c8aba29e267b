import { NextResponse, type NextRequest } from "next/server";
import { embedFrameAncestors, parseAllowedOrigins } from "@/server/auth/embed-frame-policy";
import {
  EMBED_SESSION_COOKIE,
  embedSecret,
  embedSessionCookieOptions,
  signEmbedSession,
  verifyEmbedToken,
} from "@/server/auth/embed-token";
import { env } from "@/server/env";

// Learner embeds only (see the matcher). Two things a page cannot do itself, done on the page's own response,
// without a redirect (a round trip the iframe would feel):
// 1. the frame policy, read from EMBED_ALLOWED_ORIGINS at request time (next.config headers are fixed at build),
//    and no referrer at all (the URL holds a token);
// 2. the token → session cookie exchange, a same-site convenience (the tabs carry their own ?view= link token,
//    which works where no cookie travels). The page checks the token again itself: this file only sets or
//    clears the cookie, it never decides who may see what.

let reportedRejects = false;

export async function proxy(request: NextRequest) {
  const settings = env();
  const secret = embedSecret();
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", embedFrameAncestors(settings.EMBED_ALLOWED_ORIGINS));
  // The URL carries a token (?token= or the tabs' ?view=): no request made from the page may name it.
  response.headers.set("Referrer-Policy", "no-referrer");
  if (!reportedRejects) {
    reportedRejects = true;
    const { rejected } = parseAllowedOrigins(settings.EMBED_ALLOWED_ORIGINS);
    if (rejected.length > 0)
      console.warn(`EMBED_ALLOWED_ORIGINS: ignored ${rejected.join(", ")} (not an origin like https://lms.example.com).`);
  }

  const tokens = request.nextUrl.searchParams.getAll("token");
  if (tokens.length === 0) return response;
  const check = tokens.length === 1 ? await verifyEmbedToken(tokens[0], secret) : null;
  // Behind a TLS-terminating proxy the request arrives as http; x-forwarded-proto tells the truth.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  const options = embedSessionCookieOptions(https);
  if (check?.ok) {
    response.cookies.set(EMBED_SESSION_COOKIE, await signEmbedSession(check.viewer, secret), options);
  } else {
    // A refused token also ends an earlier session, so an error page never falls back to someone's cookie.
    // (Cleared with the same attributes: a partitioned cookie is only replaced by a partitioned one.)
    response.cookies.set(EMBED_SESSION_COOKIE, "", { ...options, maxAge: 0 });
  }
  return response;
}

export const config = { matcher: ["/embed/:path*"] };
