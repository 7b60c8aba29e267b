import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth";
import { refuseThrottledSignIn } from "@/server/auth/sign-in-gate";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// A credentials sign-in refused by the throttle is answered before next-auth computes a password hash.
async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const refusal = await refuseThrottledSignIn(request);
    if (refusal) return refusal;
  }
  return handler(request, context);
}

export { handler as GET, POST };
