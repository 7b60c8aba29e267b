import { hash, verify } from "@node-rs/argon2";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

export interface AdminSummary {
  id: number;
  email: string;
  name: string | null;
}

const MIN_PASSWORD_LENGTH = 8;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createAdmin(
  db: Db,
  input: { email: string; password: string; name?: string | null },
): Promise<AdminSummary & { createdAt: Date }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw new AppError("BAD_REQUEST", "Enter a valid email address.", [{ path: ["email"], message: "Invalid email" }]);
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("BAD_REQUEST", `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, [
      { path: ["password"], message: `At least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  if (await db.adminUser.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `An admin with the email ${email} already exists.`);
  }
  const passwordHash = await hash(input.password);
  return db.adminUser.create({
    data: { email, passwordHash, name: input.name?.trim() || null },
    select: { id: true, email: true, name: true, createdAt: true },
  });
}

// Checked against when the email is unknown, so a wrong email takes as long as a wrong password
// and response times do not reveal which admins exist.
let dummyHash: Promise<string> | undefined;

/** The admin whose email and password match, or null. */
export async function verifyAdminPassword(db: Db, email: string, password: string): Promise<AdminSummary | null> {
  const admin = await db.adminUser.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!admin) {
    await verify(await (dummyHash ??= hash("not-a-real-password")), password).catch(() => false);
    return null;
  }
  const ok = await verify(admin.passwordHash, password).catch(() => false);
  return ok ? { id: admin.id, email: admin.email, name: admin.name } : null;
}

export async function findAdmin(db: Db, id: number): Promise<AdminSummary | null> {
  return db.adminUser.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}
