import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, usingPostgres } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";
import { countRows } from "@/test/table-counts";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { driverOf } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAdmin } from "@/server/services/admins";
import { recordEvents } from "@/server/services/events";

// DOMAIN.md Revision 2, "Manual adjustments": an adjustment that would take a learner's all-time total below
// zero is refused (400 naming the field), and nothing of it is written.

describe("the adjustment floor", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { id } = await createAdmin(db.prisma, { email: "floor@example.test", password: "long-enough" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: usingPostgres ? "postgres" : "pglite", session }));
  });
  afterAll(async () => db.drop());

  const totalOf = async (userId: string) => (await admin.admin.learners.stats({ userId })).points.allTime;

  it("refuses -5000 on a learner with 860 points, writing nothing, and still takes her to exactly 0", async () => {
    await recordEvents(db.prisma, [lesson("floor-1", "l-1", new Date(Date.now() - 3_600_000).toISOString())]);
    const earned = await totalOf("floor-1");
    await admin.admin.learners.adjust({ userId: "floor-1", points: 860 - earned, reason: "Imported from the old LMS" });
    expect(await totalOf("floor-1")).toBe(860);
    const before = await countRows(driverOf(db.prisma));
    const ledgerBefore = await admin.admin.learners.ledger({ userId: "floor-1", limit: 50 });

    const refused = await admin.admin.learners.adjust({ userId: "floor-1", points: -5000, reason: "Typo" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    const cause = (refused as TRPCError).cause as AppError;
    expect(cause).toBeInstanceOf(AppError);
    expect(cause.message).toBe(
      "This adjustment would take the learner's total to -4,140 points; the total may not go below 0 (860 points now).",
    );
    expect(cause.issues).toEqual([{ path: ["points"], message: "would take the total below 0 (860 points now): at least -860" }]);

    expect(await countRows(driverOf(db.prisma))).toEqual(before);
    expect(await admin.admin.learners.ledger({ userId: "floor-1", limit: 50 })).toEqual(ledgerBefore);
    expect(await totalOf("floor-1")).toBe(860);

    await expect(admin.admin.learners.adjust({ userId: "floor-1", points: -861, reason: "One too many" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(admin.admin.learners.adjust({ userId: "floor-1", points: -860, reason: "Start over" })).resolves.toMatchObject({
      points: 0,
    });
    expect(await totalOf("floor-1")).toBe(0);
  });
});
