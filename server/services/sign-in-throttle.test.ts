import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/database";
import { createAdmin } from "./admins";
import { attemptSignIn, signInRetryAfter, SIGN_IN_MAX_FAILURES } from "./sign-in-throttle";

const PASSWORD = "correct horse battery";
const ADMIN = "throttle@test.local";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await createAdmin(db.prisma, { email: ADMIN, password: PASSWORD });
});
afterAll(async () => db.drop());

// Each test on its own day, so the windows (and the pruning) of one never reach another's failures.
let day = 0;
let at: (minutes: number) => Date;
beforeEach(() => {
  const base = Date.now() + ++day * 86_400_000;
  at = (minutes) => new Date(base + minutes * 60_000);
});

const attempt = (email: string, address: string, minutes: number, password = "wrong password") =>
  attemptSignIn(db.prisma, { email, password, address }, at(minutes));

describe("sign-in throttle", () => {
  it("refuses the 6th attempt on one account within 15 minutes, with the seconds until the oldest failure expires", async () => {
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      // From a new address each time: the account's own count is what refuses.
      await expect(attempt(ADMIN, `198.51.100.${i + 1}`, i)).resolves.toEqual({ kind: "refused" });
    }
    // The first failure (minute 0) leaves the window at minute 15: 10 minutes from minute 5.
    await expect(attempt(ADMIN, "198.51.100.99", 5, PASSWORD)).resolves.toEqual({ kind: "throttled", retryAfterSeconds: 600 });
    await expect(signInRetryAfter(db.prisma, { email: " Throttle@Test.Local", address: "198.51.100.99" }, at(5))).resolves.toBe(600);
    // A refused attempt is not counted: the wait does not grow.
    await expect(signInRetryAfter(db.prisma, { email: ADMIN, address: "198.51.100.99" }, at(14.5))).resolves.toBe(30);
  });

  it("does not count failures older than 15 minutes", async () => {
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await attempt("old@test.local", "203.0.113.10", i);
    await expect(signInRetryAfter(db.prisma, { email: "old@test.local", address: "203.0.113.11" }, at(14))).resolves.toBe(60);
    // At minute 15 the failure of minute 0 is out of the window: four remain, one more try is allowed.
    await expect(signInRetryAfter(db.prisma, { email: "old@test.local", address: "203.0.113.11" }, at(15))).resolves.toBeNull();
    await expect(attempt("old@test.local", "203.0.113.11", 15)).resolves.toEqual({ kind: "refused" });
    await expect(attempt("old@test.local", "203.0.113.11", 15.5)).resolves.toMatchObject({ kind: "throttled" });
  });

  it("limits one address across different accounts, and leaves the accounts free elsewhere", async () => {
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await attempt(`guess-${i}@test.local`, "192.0.2.7", i);
    await expect(attempt("guess-new@test.local", "192.0.2.7", 6)).resolves.toEqual({ kind: "throttled", retryAfterSeconds: 540 });
    await expect(attempt(ADMIN, "192.0.2.7", 6, PASSWORD)).resolves.toMatchObject({ kind: "throttled" });
    await expect(attempt(ADMIN, "192.0.2.8", 6, PASSWORD)).resolves.toMatchObject({ kind: "signed-in", admin: { email: ADMIN } });
    await expect(signInRetryAfter(db.prisma, { email: "guess-0@test.local", address: "192.0.2.8" }, at(6))).resolves.toBeNull();
  });

  it("a success clears the account's failures, not the address's", async () => {
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await attempt(ADMIN, "192.0.2.20", i);
    await expect(attempt(ADMIN, "192.0.2.20", 4, PASSWORD)).resolves.toMatchObject({ kind: "signed-in" });
    // Four failures of the address remain (the success took back only its own attempt): one more fills it.
    await attempt("someone-else@test.local", "192.0.2.20", 5);
    await expect(attempt("another@test.local", "192.0.2.20", 6)).resolves.toMatchObject({ kind: "throttled" });
    // The account itself starts again from nothing, from another address.
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await attempt(ADMIN, "192.0.2.21", 7 + i);
    await expect(signInRetryAfter(db.prisma, { email: ADMIN, address: "192.0.2.22" }, at(12))).resolves.toBeNull();
  });

  it("counts attempts sent all at once like attempts in a row", async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt("burst@test.local", "192.0.2.30", 0)));
    expect(outcomes.filter((o) => o.kind === "refused")).toHaveLength(SIGN_IN_MAX_FAILURES);
    expect(outcomes.filter((o) => o.kind === "throttled")).toHaveLength(12 - SIGN_IN_MAX_FAILURES);
  });

  it("audits each failure, with the e-mail only for a known admin, and stores no password or unknown e-mail", async () => {
    await attempt(ADMIN, "192.0.2.40", 0, "my-secret-guess-1");
    await attempt("stranger@test.local", "192.0.2.40", 1, "my-secret-guess-2");
    const rows = await db.prisma.auditLog.findMany({ where: { action: "admin.sign_in_failed" }, orderBy: { id: "desc" }, take: 2 });
    const admin = await db.prisma.adminUser.findUniqueOrThrow({ where: { email: ADMIN } });
    expect(rows.map((r) => [r.adminId, r.actor, r.details])).toEqual([
      [null, "unknown account", { address: "192.0.2.40" }],
      [admin.id, ADMIN, { address: "192.0.2.40" }],
    ]);
    const stored = JSON.stringify([await db.query(`SELECT * FROM audit_log`), await db.query(`SELECT * FROM sign_in_failure`)]);
    expect(stored).not.toContain("my-secret-guess");
    expect(stored).not.toContain("stranger");
  });
});
