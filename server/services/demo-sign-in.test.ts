import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { createAdmin } from "./admins";
import { DEMO_ADMIN } from "./demo-seed";
import { describeDemoSignIn } from "./demo-sign-in";

const db = (await setUpTestDatabase()).prisma;
const origin = "http://localhost:3000";

describe("the demo's sign-in lines, printed on every start", () => {
  it("without the demo admin: says how to add an admin, and where API keys are made", async () => {
    const lines = await describeDemoSignIn(db, origin);
    expect(lines[0]).toBe("Sign in at http://localhost:3000/admin/sign-in");
    expect(lines[1]).toMatch(/with an admin of this database\. Locked out\? Stop the demo, then `npm run gamify -- admin:create <email>`/);
    expect(lines[2]).toMatch(/^API keys for your LMS: Dashboard, API keys \(http:\/\/localhost:3000\/admin\/api-keys\)/);
  });

  it("with the demo admin: its email and password, on a second start as on the first", async () => {
    await createAdmin(db, DEMO_ADMIN);
    for (let start = 0; start < 2; start++) {
      expect((await describeDemoSignIn(db, origin))[1]).toBe(`  email ${DEMO_ADMIN.email}   password ${DEMO_ADMIN.password}`);
    }
  });

  it("once its password changed: never prints the shipped one as if it worked", async () => {
    await db.adminUser.update({ where: { email: DEMO_ADMIN.email }, data: { passwordHash: "not-a-hash" } });
    const lines = await describeDemoSignIn(db, origin);
    expect(lines.join("\n")).not.toContain(DEMO_ADMIN.password);
    expect(lines[1]).toMatch(/as admin@demo\.test with the password you gave it/);
  });
});
