import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys";

const db = await setUpTestDatabase();

describe("api keys", () => {
  it("creates a gk_ key shown once, storing only its sha256 and an 8-character prefix", async () => {
    const created = await createApiKey(db.prisma, "moodle");
    expect(created.key).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.prefix).toBe(created.key.slice(0, 8));
    expect(row.prefix).toHaveLength(8);
    expect(row.hash).toBe(crypto.createHash("sha256").update(created.key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it("verifies a valid key and refuses wrong, malformed and revoked ones", async () => {
    const { key, id } = await createApiKey(db.prisma, "canvas");
    await expect(verifyApiKey(db.prisma, key)).resolves.toEqual({ id, name: "canvas" });
    const wrong = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    await expect(verifyApiKey(db.prisma, wrong)).resolves.toBeNull();
    await expect(verifyApiKey(db.prisma, "")).resolves.toBeNull();
    await expect(verifyApiKey(db.prisma, "Bearer " + key)).resolves.toBeNull();

    const revoked = await revokeApiKey(db.prisma, "canvas");
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(verifyApiKey(db.prisma, key)).resolves.toBeNull();
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { key, id } = await createApiKey(db.prisma, "usage");
    const lastUsed = async () => (await db.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    const start = new Date();
    await verifyApiKey(db.prisma, key, start);
    expect(await lastUsed()).toEqual(start);
    // Seconds later (the key remembered, then read again): still the first use.
    await verifyApiKey(db.prisma, key, new Date(start.getTime() + 1_000));
    await verifyApiKey(db.prisma, key, new Date(start.getTime() + 30_000));
    expect(await lastUsed()).toEqual(start);

    const twoMinutesLater = new Date(start.getTime() + 2 * 60_000);
    await verifyApiKey(db.prisma, key, twoMinutesLater);
    expect(await lastUsed()).toEqual(twoMinutesLater);
  });

  it("refuses a revoked key at once in this process, though it was remembered", async () => {
    const { key } = await createApiKey(db.prisma, "remembered");
    await expect(verifyApiKey(db.prisma, key)).resolves.toMatchObject({ name: "remembered" });
    await revokeApiKey(db.prisma, "remembered");
    await expect(verifyApiKey(db.prisma, key)).resolves.toBeNull();
  });

  it("sees a revocation made elsewhere (another process) within seconds", async () => {
    const { key, id } = await createApiKey(db.prisma, "revoked-elsewhere");
    const start = new Date();
    await expect(verifyApiKey(db.prisma, key, start)).resolves.toMatchObject({ name: "revoked-elsewhere" });
    // As the CLI in another process would: straight to the database, this process's cache untouched.
    await db.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await expect(verifyApiKey(db.prisma, key, new Date(start.getTime() + 10_000))).resolves.toBeNull();
  });

  it("keeps the first revocation time, and revoking an unknown name is NOT_FOUND", async () => {
    await createApiKey(db.prisma, "twice");
    const first = await revokeApiKey(db.prisma, "twice");
    const second = await revokeApiKey(db.prisma, "twice");
    expect(second.revokedAt).toEqual(first.revokedAt);
    await expect(revokeApiKey(db.prisma, "never-made")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a duplicate or empty name", async () => {
    await createApiKey(db.prisma, "dup");
    await expect(createApiKey(db.prisma, "dup")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createApiKey(db.prisma, "   ")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lists keys without their hashes", async () => {
    // Keys of its own (one revoked), not those the other tests happen to have made before it.
    await createApiKey(db.prisma, "listed");
    await createApiKey(db.prisma, "listed-revoked");
    await revokeApiKey(db.prisma, "listed-revoked");
    const keys = await listApiKeys(db.prisma);
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(["listed", "listed-revoked"]));
    for (const k of keys) expect(k).not.toHaveProperty("hash");
  });
});
