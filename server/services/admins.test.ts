import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { AppError } from "@/server/errors";
import { createAdmin, verifyAdminPassword } from "./admins";

const db = await setUpTestDatabase();

describe("admins", () => {
  it("creates an admin with a lower-cased email and an argon2 hash, never the password", async () => {
    const admin = await createAdmin(db.prisma, { email: "  Ada@Example.TEST ", password: "correct horse", name: "Ada" });
    expect(admin).toMatchObject({ email: "ada@example.test", name: "Ada" });
    const row = await db.prisma.adminUser.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("verifies the password, whatever the email's case", async () => {
    await createAdmin(db.prisma, { email: "grace@example.test", password: "hopper-1906" });
    await expect(verifyAdminPassword(db.prisma, "GRACE@example.test", "hopper-1906")).resolves.toMatchObject({
      email: "grace@example.test",
    });
    await expect(verifyAdminPassword(db.prisma, "grace@example.test", "hopper-1907")).resolves.toBeNull();
    await expect(verifyAdminPassword(db.prisma, "nobody@example.test", "hopper-1906")).resolves.toBeNull();
  });

  it("refuses a short password and a bad email with BAD_REQUEST", async () => {
    await expect(createAdmin(db.prisma, { email: "short@example.test", password: "1234567" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(createAdmin(db.prisma, { email: "not-an-email", password: "long enough" })).rejects.toBeInstanceOf(AppError);
    expect(await db.prisma.adminUser.count({ where: { email: "short@example.test" } })).toBe(0);
  });

  it("refuses a second admin with the same email with CONFLICT", async () => {
    await createAdmin(db.prisma, { email: "twice@example.test", password: "password-1" });
    await expect(createAdmin(db.prisma, { email: "TWICE@example.test", password: "password-2" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
