import { SIGN_IN_PATH } from "@/server/auth";
import { getDb } from "@/server/db";
import { signInRetryAfter } from "@/server/services/sign-in-throttle";
import { clientAddress } from "./client-address";
import { throttledSignInError, throttledSignInMessage } from "./sign-in-throttle-message";

/**
 * The answer to a credentials sign-in the throttle refuses (429 with `retry-after`), or null to hand the
 * request to next-auth. Checked before next-auth sees it: its authorize can only fail (401), and a refused
 * attempt must cost no password hash.
 */
export async function refuseThrottledSignIn(request: Request): Promise<Response | null> {
  const source = { email: await typedEmail(request), address: clientAddress(request.headers) };
  const wait = await signInRetryAfter(await getDb(), source);
  if (wait === null) return null;
  const error = throttledSignInError(wait);
  return Response.json(
    {
      // What next-auth's signIn() reads the outcome from (it hands the form this URL's `error`).
      url: new URL(`${SIGN_IN_PATH}?${new URLSearchParams({ error })}`, request.url).href,
      error: { code: "TOO_MANY_REQUESTS", message: throttledSignInMessage(wait) },
    },
    { status: 429, headers: { "retry-after": String(wait) } },
  );
}

/** The e-mail a sign-in form sends, read from a copy of the request: next-auth reads the body after us. */
async function typedEmail(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/x-www-form-urlencoded")) return new URLSearchParams(await request.clone().text()).get("email") ?? "";
    if (type.includes("application/json")) {
      const body: unknown = await request.clone().json();
      const email = (body as { email?: unknown } | null)?.email;
      return typeof email === "string" ? email : "";
    }
  } catch {
    // An unreadable body is no sign-in next-auth will accept; it answers that itself.
  }
  return "";
}
