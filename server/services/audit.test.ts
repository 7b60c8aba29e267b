import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/database";
import { createApiKey, revokeApiKey } from "./api-keys";
import { listAudit, writeAudit } from "./audit";

describe("audit log", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const admin = { adminId: null, actor: "ada@example.test" };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it("writes rows and lists them newest first, paged by id", async () => {
    for (let i = 1; i <= 5; i++) {
      await writeAudit(db.prisma, admin, { action: "rules.update", target: "rules", details: { step: i } });
    }
    const first = await listAudit(db.prisma, { limit: 3 });
    expect(first.rows.map((r) => (r.details as { step: number }).step)).toEqual([5, 4, 3]);
    expect(first.nextBefore).toBe(first.rows[2]!.id);
    const second = await listAudit(db.prisma, { limit: 3, before: first.nextBefore! });
    expect(second.rows.map((r) => (r.details as { step: number }).step)).toEqual([2, 1]);
    expect(second.nextBefore).toBeNull();
    expect(second.rows[0]).toMatchObject({ actor: "ada@example.test", action: "rules.update", target: "rules", adminId: null });
  });

  it("records API key creation and revocation, never the key itself", async () => {
    const created = await createApiKey(db.prisma, "moodle", admin);
    await revokeApiKey(db.prisma, "moodle", admin);
    await revokeApiKey(db.prisma, "moodle", admin); // a second revocation changes nothing and is not audited

    const { rows } = await listAudit(db.prisma, { limit: 10, category: "api-keys" });
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ["apikey.revoke", "apikey:moodle"],
      ["apikey.create", "apikey:moodle"],
    ]);
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(rows[1]!.details).toEqual({ prefix: created.prefix });
  });

  it("does not audit key changes made without an actor (engine tests, scripts)", async () => {
    await createApiKey(db.prisma, "quiet");
    const { rows } = await listAudit(db.prisma, { limit: 50, target: "apikey:quiet" });
    expect(rows).toEqual([]);
  });

  it("filters by category and by target", async () => {
    await writeAudit(db.prisma, admin, { action: "points.adjust", target: "learner:u-1", details: { points: 5 } });
    await writeAudit(db.prisma, admin, { action: "achievement.create", target: "achievement:a-1" });
    expect((await listAudit(db.prisma, { limit: 50, category: "adjustments" })).rows.map((r) => r.action)).toEqual(["points.adjust"]);
    expect((await listAudit(db.prisma, { limit: 50, category: "achievements" })).rows.map((r) => r.target)).toEqual(["achievement:a-1"]);
    expect((await listAudit(db.prisma, { limit: 50, target: "learner:u-1" })).rows).toHaveLength(1);
    expect((await listAudit(db.prisma, { limit: 50, category: "rules" })).rows.every((r) => r.action.startsWith("rules."))).toBe(true);
  });
});
