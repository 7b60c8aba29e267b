import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { createApiKey, verifyApiKey } from "@/server/services/api-keys";
import { createTestDatabase } from "@/test/database";
import { startRestServer } from "@/test/http-server";

// Who can do what, checked: keys and passwords are never stored in clear, admin procedures refuse LMS keys,
// LMS procedures refuse a missing key, and secrets do not reach logs or responses.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let key: string;
let adminId: number;
beforeAll(async () => {
  db = await createTestDatabase();
  key = (await createApiKey(db.prisma, "sec")).key;
  adminId = (await createAdmin(db.prisma, { email: "sec@test.local", password: "correct horse battery" })).id;
});
afterAll(async () => db.drop());

const caller = (parts: { apiKey?: { id: number; name: string } | null; session?: { adminId: number; expires: string } | null }) =>
  createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, apiKey: parts.apiKey ?? null, session: parts.session ?? null }));

describe("secrets at rest", () => {
  it("stores only a hash of each API key", async () => {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM api_key`);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(JSON.stringify(rows)).not.toContain(key.slice(10));
    expect(await verifyApiKey(db.prisma, key)).toMatchObject({ name: "sec" });
    expect(await verifyApiKey(db.prisma, key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))).toBeNull();
  });

  it("stores admin passwords with a slow hash (argon2id)", async () => {
    const admin = await db.prisma.adminUser.findUniqueOrThrow({ where: { id: adminId } });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(admin.passwordHash).not.toContain("correct horse");
  });
});

describe("who may call what", () => {
  it("refuses admin procedures to an LMS API key", async () => {
    const apiKey = await verifyApiKey(db.prisma, key);
    await expect(caller({ apiKey }).admin.whoami()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses LMS procedures without an API key, even to a signed-in admin", async () => {
    const session = { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() };
    await expect(caller({ session }).users.stats({ userId: "anyone" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      caller({}).events.record({ id: "x", type: "user.login", userId: "u", occurredAt: "2026-11-25T10:00:00Z" }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await db.prisma.event.count()).toBe(0);
  });

  it("lets a signed-in admin who still exists call admin procedures", async () => {
    const session = { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() };
    await expect(caller({ session }).admin.whoami()).resolves.toMatchObject({ email: "sec@test.local" });
    const ghost = { adminId: 999_999, expires: session.expires };
    await expect(caller({ session: ghost }).admin.whoami()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("nothing leaks", () => {
  it("never logs or echoes a presented key, and never answers with internals", async () => {
    const server = await startRestServer(db);
    const logged: string[] = [];
    const spies = (["log", "error", "warn", "info"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const wrongKey = "gk_this-is-a-guess-0123456789";
      const res = await fetch(`${server.url}/api/v1/users/u/stats`, { headers: { authorization: `Bearer ${wrongKey}` } });
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).not.toContain(wrongKey);
      const ok = await fetch(`${server.url}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ id: "sec-1", type: "user.login", userId: "sec-u", occurredAt: "2026-11-25T10:00:00Z" }),
      });
      expect(ok.status).toBe(201);
      expect(logged.join("\n")).not.toContain(wrongKey);
      expect(logged.join("\n")).not.toContain(key);
    } finally {
      spies.forEach((s) => s.mockRestore());
      await server.close();
    }
  });
});
