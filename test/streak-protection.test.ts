import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { recordEvent } from "@/server/services/events";
import { getLearnerStats } from "@/server/services/learner-profile";
import { sendAtRiskNudges } from "@/server/services/streak-at-risk";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { addDays } from "@/server/lib/calendar";
import { createTestDatabase } from "@/test/database";
import { lesson, login } from "@/test/engine-fixtures";

// Streak protection on a real database (DOMAIN.md Revision 2): pauses, freezes, the at-risk nudge, the admin inputs.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: ReturnType<typeof createCaller>;
beforeAll(async () => {
  db = await createTestDatabase();
  const { id } = await createAdmin(db.prisma, { email: "streaks@example.test", password: "long-enough" });
  const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
  admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
});
afterAll(async () => db.drop());

const streakDays = async (userId: string) =>
  (await db.prisma.ledgerEntry.findMany({ where: { learner: { userId }, reason: "streak.day" }, orderBy: { streakDay: "asc" } })).map((r) =>
    r.streakDay!.toISOString().slice(0, 10),
  );
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));
const settings = (s: { freezeEvery: number; freezeMax: number; atRiskHour?: number }) =>
  admin.admin.streaks.saveSettings({ atRiskHour: 18, ...s });

describe("pauses", () => {
  it("a 30-day streak survives a term break across the autumn daylight-saving change", async () => {
    await settings({ freezeEvery: 0, freezeMax: 0 });
    // Paris leaves summer time on 2026-10-25, inside the break. Events at 23:30 UTC fall on the next Paris day
    // (01:30 in summer time, 00:30 after it).
    const { id } = await admin.admin.streaks.addPause({ startsOn: "2026-10-17", endsOn: "2026-11-01", note: "Autumn break" });
    const u = "term-break";
    const before = days("2026-10-01", 15); // Paris days Oct 2 to Oct 16
    const after = days("2026-11-01", 15); // Paris days Nov 2 to Nov 16
    const paused = ["2026-10-20", "2026-10-26"]; // active anyway in the break: neither extends nor earns
    const all = [...before, ...paused, ...after].map((d, i) =>
      lesson(u, `l-${i}`, `${d}T23:30:00Z`, { id: `tb-${i}`, user: { timezone: "Europe/Paris" } }),
    );
    try {
      // Out of order: the break's end first, then the rest.
      for (const e of [...all.slice(20), ...all.slice(0, 20).reverse()])
        await recordEvent(db.prisma, e, { now: new Date("2026-11-17T08:00:00Z") });
      const stats = await getLearnerStats(db.prisma, u, new Date("2026-11-16T12:00:00Z"));
      expect(stats.streak).toMatchObject({ current: 30, longest: 30 });
      const paid = await streakDays(u);
      expect(paid).toHaveLength(29);
      expect(paid).toContain("2026-11-02"); // continues the run that ended on Oct 16
      expect(paid.filter((d) => d >= "2026-10-17" && d <= "2026-11-01")).toEqual([]);
      const achievements = await db.prisma.learnerAchievement.findMany({
        where: { learner: { userId: u } },
        include: { achievement: true },
      });
      expect(achievements.map((a) => a.achievement.key)).toContain("streak-30");
    } finally {
      await admin.admin.streaks.removePause({ id });
    }
  });

  it("a course pause excuses that course's learners only", async () => {
    await settings({ freezeEvery: 0, freezeMax: 0 });
    const { id } = await admin.admin.streaks.addPause({ courseId: "c-paused", startsOn: "2026-11-03", endsOn: "2026-11-04" });
    for (const [u, courseId] of [
      ["in-course", "c-paused"],
      ["other-course", "c-other"],
    ] as const) {
      for (const d of ["2026-11-01", "2026-11-02", "2026-11-05"]) {
        await recordEvent(db.prisma, lesson(u, `l-${d}`, `${d}T10:00:00Z`, { courseId }), { now: new Date("2026-11-06T00:00:00Z") });
      }
    }
    const now = new Date("2026-11-05T12:00:00Z");
    try {
      expect((await getLearnerStats(db.prisma, "in-course", now)).streak.current).toBe(3);
      expect((await getLearnerStats(db.prisma, "other-course", now)).streak.current).toBe(1);
    } finally {
      await admin.admin.streaks.removePause({ id });
    }
  });
});

describe("freezes", () => {
  it("a missed day is covered by a freeze, and a late event that fills it gives the freeze back", async () => {
    await settings({ freezeEvery: 7, freezeMax: 2 });
    const u = "freeze-back";
    const record = (d: string, i: number) =>
      recordEvent(db.prisma, login(u, `${d}T10:00:00Z`, { id: `fb-${i}` }), { now: new Date(`${d}T12:00:00Z`) });
    for (const [i, d] of days("2026-11-01", 7).entries()) await record(d, i); // the 7th active day earns a freeze
    const next = await record("2026-11-09", 9); // Nov 8 missed
    expect(next.outcome.streak.current).toBe(8);
    expect(next.outcome.awards).toEqual([{ reason: "streak.day", points: 5 }]); // as if Nov 8 had been active
    const now = new Date("2026-11-09T20:00:00Z");
    expect((await getLearnerStats(db.prisma, u, now)).streak.freezes).toEqual({ available: 0, usedOn: ["2026-11-08"] });
    expect(await streakDays(u)).not.toContain("2026-11-08");

    await record("2026-11-08", 8); // late: fills the frozen day
    const stats = await getLearnerStats(db.prisma, u, now);
    expect(stats.streak).toMatchObject({ current: 9, freezes: { available: 1, usedOn: [] } });
    expect(await streakDays(u)).toEqual(days("2026-11-02", 8)); // Nov 8 earns now, Nov 9 keeps its points
  });

  it("a granted freeze is audited and covers the next missed day", async () => {
    await settings({ freezeEvery: 0, freezeMax: 2 });
    const u = "granted";
    const now = new Date("2026-11-03T12:00:00Z");
    for (const d of ["2026-11-02", "2026-11-03"]) await recordEvent(db.prisma, login(u, `${d}T10:00:00Z`), { now });
    const { grantFreeze } = await import("@/server/services/streak-protection");
    await grantFreeze(db.prisma, u, { adminId: null, actor: "test" }, now);
    expect((await getLearnerStats(db.prisma, u, now)).streak.freezes.available).toBe(1);
    // Nov 4 missed: covered; read on Nov 5 without any event or job.
    expect((await getLearnerStats(db.prisma, u, new Date("2026-11-05T12:00:00Z"))).streak).toMatchObject({
      current: 2,
      freezes: { available: 0, usedOn: ["2026-11-04"] },
    });
    await recordEvent(db.prisma, login(u, "2026-11-05T10:00:00Z"), { now: new Date("2026-11-05T12:00:00Z") });
    expect((await db.prisma.learner.findUniqueOrThrow({ where: { userId: u } })).frozenDays).toEqual(["2026-11-04"]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "streak.freeze.grant", target: u } });
    expect(audit).toHaveLength(1);
  });

  it("README's exception: a late earlier day can move a freeze, and points paid stay paid", async () => {
    await settings({ freezeEvery: 2, freezeMax: 1 });
    const play = async (u: string, order: string[]) => {
      for (const d of order) await recordEvent(db.prisma, login(u, `${d}T10:00:00Z`), { now: new Date("2026-11-07T00:00:00Z") });
      return db.prisma.learner.findUniqueOrThrow({ where: { userId: u } });
    };
    const active = ["2026-11-01", "2026-11-02", "2026-11-04", "2026-11-06"];
    const inOrder = await play("exc-in-order", active);
    const lateFirst = await play("exc-late-first", [...active.slice(1), active[0]!]);
    // The same frozen day and run either way (a function of the days)...
    expect(inOrder.frozenDays).toEqual(["2026-11-03"]);
    expect(lateFirst.frozenDays).toEqual(["2026-11-03"]);
    expect(lateFirst.runLength).toBe(inOrder.runLength);
    // ...but Nov 6 was paid while Nov 5 was frozen (before Nov 1 was known), and keeps its points.
    expect(await streakDays("exc-in-order")).toEqual(["2026-11-02", "2026-11-04"]);
    expect(await streakDays("exc-late-first")).toEqual(["2026-11-02", "2026-11-04", "2026-11-06"]);
    expect(lateFirst.points - inOrder.points).toBe(5);
  });
});

describe("the at-risk nudge", () => {
  it("sends streak.at_risk once, at 18:00 in the learner's zone", async () => {
    await settings({ freezeEvery: 0, freezeMax: 0, atRiskHour: 18 });
    const endpoint = await createWebhookEndpoint(db.prisma, { url: "http://127.0.0.1:9/hook", eventTypes: ["streak.at_risk"] }, undefined, {
      allowPrivate: true,
    });
    const u = "at-risk";
    // New York (UTC-5 in December): active Nov 30 and Dec 1, not yet on Dec 2.
    for (const d of ["2026-11-30", "2026-12-01"]) {
      await recordEvent(db.prisma, login(u, `${d}T15:00:00Z`, { user: { timezone: "America/New_York" } }), {
        now: new Date("2026-12-02T12:00:00Z"),
      });
    }
    const sent = () => db.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.id, type: "streak.at_risk" } });
    await sendAtRiskNudges(db.prisma, new Date("2026-12-02T22:59:00Z")); // 17:59 in New York
    expect(await sent()).toHaveLength(0);
    await Promise.all([
      sendAtRiskNudges(db.prisma, new Date("2026-12-02T23:00:00Z")),
      sendAtRiskNudges(db.prisma, new Date("2026-12-02T23:00:00Z")),
    ]);
    await sendAtRiskNudges(db.prisma, new Date("2026-12-02T23:15:00Z"));
    const deliveries = await sent();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.payload).toMatchObject({ type: "streak.at_risk", data: { userId: u, day: "2026-12-02", streak: 2 } });
    // Active today: no nudge the next day either until it is due.
    await recordEvent(db.prisma, login(u, "2026-12-03T08:00:00Z"), { now: new Date("2026-12-03T23:30:00Z") });
    await sendAtRiskNudges(db.prisma, new Date("2026-12-03T23:30:00Z"));
    expect(await sent()).toHaveLength(1);
  });
});

describe("admin inputs", () => {
  it("refuses bad input naming the field, and stores nothing", async () => {
    const pauses = await db.prisma.streakPause.count();
    const audits = await db.prisma.auditLog.count();
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "stored",
        (e: Error) => e.message,
      );
    expect(await refusal(admin.admin.streaks.addPause({ startsOn: "2026-11-10", endsOn: "2026-11-01" }))).toMatch(/endsOn/);
    expect(await refusal(admin.admin.streaks.addPause({ startsOn: "2026-02-30", endsOn: "2026-03-01" }))).toMatch(/startsOn/);
    expect(await refusal(admin.admin.streaks.saveSettings({ freezeEvery: -1, freezeMax: 2, atRiskHour: 18 }))).toMatch(/freezeEvery/);
    expect(await refusal(admin.admin.streaks.saveSettings({ freezeEvery: 7, freezeMax: 2, atRiskHour: 24 }))).toMatch(/atRiskHour/);
    expect(await refusal(admin.admin.streaks.grantFreeze({ userId: " " }))).toMatch(/userId/);
    expect(await db.prisma.streakPause.count()).toBe(pauses);
    expect(await db.prisma.auditLog.count()).toBe(audits);
  });
});
