import { E2E_LMS_ORIGIN } from "./constants";
import { embedPath, expect, lmsApi, test, unique } from "./fixtures";

// Security headers as a browser receives them from the production build.

test("the dashboard and the API may not be framed and are never sniffed", async ({ request }) => {
  for (const path of ["/admin/sign-in", "/"]) {
    const res = await request.get(path);
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
    expect(res.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const api = await request.get("/api/v1/openapi.json");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-powered-by"]).toBeUndefined();
});

test("learner embeds may be framed by the configured LMS origin only", async ({ request }) => {
  const userId = `sec-${unique()}`;
  await lmsApi(request).send({ id: `${userId}-e1`, type: "user.login", userId, occurredAt: new Date(Date.now() - 60_000).toISOString() });
  const res = await request.get(await embedPath("profile", userId));
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors");
  expect(csp).toContain(E2E_LMS_ORIGIN);
  expect(csp).not.toContain("frame-ancestors 'none'");
  expect(res.headers()["x-frame-options"]).toBeUndefined();
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});
