import type { PrismaClient } from "@prisma/client";
import { createAdmin } from "./admins";

// Placeholder until the full demo organisation (learners, courses, events) is written:
// it only makes sure the demo admin exists, so `npm run demo` can be signed into.
const DEMO_ADMIN = { email: "admin@demo.test", password: "demo-password" };

export async function seedDemo(
  db: PrismaClient,
  log: (line: string) => void,
): Promise<{ adminEmail: string; adminPassword: string }> {
  const existing = await db.adminUser.findUnique({ where: { email: DEMO_ADMIN.email }, select: { id: true } });
  if (existing) {
    log(`Demo admin ${DEMO_ADMIN.email} already exists.`);
  } else {
    await createAdmin(db, { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, name: "Demo admin" });
    log(`Created the demo admin ${DEMO_ADMIN.email}.`);
  }
  return { adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
}
