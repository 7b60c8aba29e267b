import type { Db } from "@/server/db";
import { verifyAdminPassword } from "./admins";
import { DEMO_ADMIN } from "./demo-seed";

// What `npm run demo` prints on every start, not only the first: how to sign in (the demo admin's password
// while it is still the shipped one, else how to get in), and where API keys are made while the demo holds
// the embedded database (the CLI cannot open it then).

export async function describeDemoSignIn(db: Db, origin: string): Promise<string[]> {
  const lines = [`Sign in at ${origin}/admin/sign-in`];
  const demoAdmin = await db.adminUser.findUnique({ where: { email: DEMO_ADMIN.email }, select: { id: true } });
  if (demoAdmin && (await verifyAdminPassword(db, DEMO_ADMIN.email, DEMO_ADMIN.password))) {
    lines.push(`  email ${DEMO_ADMIN.email}   password ${DEMO_ADMIN.password}`);
  } else {
    const who = demoAdmin ? `as ${DEMO_ADMIN.email} with the password you gave it` : "with an admin of this database";
    lines.push(
      `  ${who}. Locked out? Stop the demo, then \`npm run gamify -- admin:create <email>\` adds an admin (password from ADMIN_PASSWORD, or asked for).`,
    );
  }
  lines.push(
    `API keys for your LMS: Dashboard, API keys (${origin}/admin/api-keys). While the demo runs it holds the embedded database, so \`npm run gamify\` cannot open it.`,
  );
  return lines;
}
