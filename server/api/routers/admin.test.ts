import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, usingPostgres } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";
import { createAdmin } from "@/server/services/admins";
import { recordEvents } from "@/server/services/events";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";

// The dashboard's procedures through the tRPC caller, as server components and the React client use them.

describe("admin procedures", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: ReturnType<typeof createCaller>;
  let anonymous: ReturnType<typeof createCaller>;
  const kind = usingPostgres ? "postgres" : "pglite";

  beforeAll(async () => {
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_EVENT_KEY;
    db = await createTestDatabase();
    const { id } = await createAdmin(db.prisma, { email: "dash@example.test", password: "long-enough" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: kind, session }));
    anonymous = createCaller(createInnerContext({ db: db.prisma, databaseKind: kind }));
  });
  afterAll(async () => db.drop());

  it("refuses every admin procedure without a signed-in admin", async () => {
    const calls = [
      () => anonymous.admin.overview.get(),
      () => anonymous.admin.achievements.list(),
      () => anonymous.admin.rules.get(),
      () => anonymous.admin.rules.update({ lessonEasy: 1 }),
      () => anonymous.admin.learners.search({ query: "" }),
      () => anonymous.admin.learners.adjust({ userId: "x", points: 5, reason: "r" }),
      () => anonymous.admin.apiKeys.create({ name: "sneaky" }),
      () => anonymous.admin.jobs.runNow({ job: "streak-check" }),
      () => anonymous.admin.audit.list({}),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await db.prisma.apiKey.count()).toBe(0);
  });

  it("creates an achievement and reports how many learners received it retroactively", async () => {
    const now = Date.now();
    await recordEvents(db.prisma, [
      lesson("dash-1", "l-1", new Date(now - 3_600_000).toISOString(), { courseId: "dash-c" }),
      lesson("dash-1", "l-2", new Date(now - 3_500_000).toISOString(), { courseId: "dash-c" }),
      lesson("dash-2", "l-1", new Date(now - 3_400_000).toISOString(), { courseId: "dash-c" }),
    ]);
    const created = await admin.admin.achievements.create({
      key: "two-lessons",
      name: "Two lessons",
      description: "",
      iconUrl: "icon:medal",
      points: 15,
      criterion: { kind: "lessons_completed", threshold: 2 },
    });
    expect(created).toMatchObject({ awarded: 1, queued: false, achievement: { key: "two-lessons", points: 15 } });
    const listed = (await admin.admin.achievements.list()).find((a) => a.key === "two-lessons");
    expect(listed).toMatchObject({ earnedBy: 1, active: true });

    await admin.admin.achievements.setActive({ key: "two-lessons", active: false });
    await recordEvents(db.prisma, [lesson("dash-2", "l-2", new Date(now - 3_300_000).toISOString(), { courseId: "dash-c" })]);
    const reactivated = await admin.admin.achievements.setActive({ key: "two-lessons", active: true });
    // dash-1 kept it while it was inactive; dash-2 qualified meanwhile.
    expect(reactivated).toMatchObject({ active: true, awarded: 1, alreadyHeldBy: 1 });

    const runs = await admin.admin.jobs.list();
    const backfills = runs.find((j) => j.id === "achievement-backfill")!.runs;
    expect(backfills.map((r) => [r.trigger, r.status])).toEqual([
      ["dashboard", "succeeded"],
      ["dashboard", "succeeded"],
    ]);
  });

  it("asks for a speed achievement's hours and a rank achievement's period", async () => {
    const base = { key: "k-speed", name: "Fast", description: "", iconUrl: "icon:timer", points: 1 };
    await expect(admin.admin.achievements.create({ ...base, criterion: { kind: "speed_course", threshold: 1 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      admin.admin.achievements.create({ ...base, key: "k-rank", criterion: { kind: "period_rank", threshold: 3 } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("runs a job directly when Inngest is not configured, and records the run", async () => {
    const outcome = await admin.admin.jobs.runNow({ job: "streak-check" });
    expect(outcome).toMatchObject({ mode: "ran", result: { broken: expect.any(Number) } });
    const job = (await admin.admin.jobs.list()).find((j) => j.id === "streak-check")!;
    expect(job.runs[0]).toMatchObject({ trigger: "dashboard", status: "succeeded" });
    expect(job.schedule).toBeTruthy();
  });

  it("adjusts points with a reason, visible in the ledger and the audit log", async () => {
    const result = await admin.admin.learners.adjust({ userId: "dash-1", points: -7, reason: "Duplicate import" });
    expect(result.points).toBeGreaterThan(0);
    const ledger = await admin.admin.learners.ledger({ userId: "dash-1", limit: 5 });
    expect(ledger.lines[0]).toMatchObject({ points: -7, reason: "adjustment", note: "Duplicate import", adminEmail: "dash@example.test" });
    const audit = await admin.admin.audit.list({ category: "adjustments" });
    expect(audit.rows[0]).toMatchObject({ action: "points.adjust", target: "learner:dash-1", actor: "dash@example.test" });
    await expect(admin.admin.learners.adjust({ userId: "dash-1", points: 5, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("creates and revokes API keys, auditing both", async () => {
    const created = await admin.admin.apiKeys.create({ name: "canvas" });
    expect(created.key).toMatch(/^gk_/);
    const revoked = await admin.admin.apiKeys.revoke({ name: "canvas" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const audit = await admin.admin.audit.list({ category: "api-keys" });
    expect(audit.rows.map((r) => r.action)).toEqual(["apikey.revoke", "apikey.create"]);
  });

  it("serves the overview, boards, periods, search and learner views", async () => {
    const overview = await admin.admin.overview.get();
    expect(overview.learners).toBe(2);
    const board = await admin.admin.leaderboards.board({ courseId: null, period: "weekly", limit: 10, offset: 0 });
    expect(board.entries.map((e) => e.userId)).toContain("dash-1");
    const around = await admin.admin.leaderboards.around({ courseId: "dash-c", period: "all-time", userId: "dash-2", radius: 2 });
    expect(around.me).toMatchObject({ userId: "dash-2" });
    expect(await admin.admin.leaderboards.periods({ period: "monthly", count: 3 })).toHaveLength(3);
    expect((await admin.admin.leaderboards.courses({})).map((c) => c.id)).toEqual(["dash-c"]);
    expect((await admin.admin.learners.search({ query: "dash" })).map((h) => h.userId)).toEqual(["dash-1", "dash-2"]);
    const stats = await admin.admin.learners.stats({ userId: "dash-1" });
    expect(stats.achievementsEarned).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    const days = await admin.admin.learners.activeDays({ userId: "dash-1", from: "2020-01-01", to: today });
    expect(days.length).toBeGreaterThanOrEqual(1);
    await expect(admin.admin.learners.stats({ userId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("edits rules and the zone through the router", async () => {
    const rules = await admin.admin.rules.update({ streakDayPoints: 8 });
    expect(rules.streakDayPoints).toBe(8);
    await admin.admin.rules.addOverride({
      courseId: "dash-c",
      lessonEasy: 1,
      lessonMedium: 2,
      lessonHard: 3,
      courseEasy: 4,
      courseMedium: 5,
      courseHard: 6,
    });
    expect((await admin.admin.rules.get()).overrides).toHaveLength(1);
    await admin.admin.rules.removeOverride({ courseId: "dash-c" });
    await expect(admin.admin.rules.setTimezone({ timezone: "Nowhere/Land" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await admin.admin.rules.setTimezone({ timezone: "America/New_York" });
    expect((await admin.admin.rules.get()).rules.timezone).toBe("America/New_York");
  });
});
