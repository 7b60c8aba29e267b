import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { readThrottledSignInError } from "@/server/auth/sign-in-throttle-message";
import { createAdmin } from "@/server/services/admins";
import { openAppTestDatabase } from "@/test/app-database";
import { startNextRouteServer } from "@/test/next-route-server";

// Sign-in over HTTP through the app's next-auth route (app/api/auth/[...nextauth]/route.ts), with every
// argon2 verification counted: a throttled attempt must be answered 429 before any password hash.

const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2.verifications += 1;
      return actual.verify(...args);
    },
  };
});

const PASSWORD = "correct horse battery";
let app: Awaited<ReturnType<typeof openAppTestDatabase>>;
let server: Awaited<ReturnType<typeof startNextRouteServer>>;
beforeAll(async () => {
  app = await openAppTestDatabase();
  await createAdmin(app.db.prisma, { email: "owner@test.local", password: PASSWORD });
  await createAdmin(app.db.prisma, { email: "other@test.local", password: PASSWORD });
  server = await startNextRouteServer("/api/auth", "nextauth", authRoute);
  vi.stubEnv("NEXTAUTH_URL", server.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await app?.close();
});

/** What next-auth's signIn() sends: a CSRF token (and its cookie), the credentials, `json: true`. */
async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${server.url}/admin`, json: "true" }),
  });
}

const errorOf = async (res: Response) => new URL(((await res.json()) as { url: string }).url).searchParams.get("error");

describe("sign-in throttle over HTTP", () => {
  it("answers the 6th failed sign-in for one account 429 with retry-after, and computes no hash for it", async () => {
    for (let i = 1; i <= 5; i++) {
      const before = argon2.verifications;
      const res = await signIn("owner@test.local", `wrong-${i}`);
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toBe("CredentialsSignin");
      expect(argon2.verifications).toBe(before + 1);
    }
    const before = argon2.verifications;
    const sixth = await signIn("owner@test.local", "wrong-6");
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    const body = (await sixth.json()) as { url: string; error: { code: string; message: string } };
    expect(body.error).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many attempts. Try again in 15 minutes." });
    // What next-auth's signIn() hands the form.
    expect(readThrottledSignInError(new URL(body.url).searchParams.get("error"))).toBe(retryAfter);

    // Refused before the password is looked at: the right one too, and another account from this address.
    expect((await signIn("owner@test.local", PASSWORD)).status).toBe(429);
    expect((await signIn("nobody@test.local", "a guess")).status).toBe(429);
    expect(argon2.verifications).toBe(before);

    const audited = await app.db.prisma.auditLog.findMany({
      where: { action: "admin.sign_in_failed" },
      select: { actor: true, details: true },
    });
    expect(audited).toEqual(Array(5).fill({ actor: "owner@test.local", details: { address: "127.0.0.1" } }));
    expect(JSON.stringify(audited)).not.toContain("wrong-");
  });

  it("signs in with the right password from another client, which the throttle leaves alone", async () => {
    const res = await signIn("other@test.local", PASSWORD, { "x-forwarded-for": "192.0.2.50" });
    expect(res.status).toBe(200);
    expect(await errorOf(res)).toBeNull();
    expect(res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
  });
});
