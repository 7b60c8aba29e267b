import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { EMBED_SESSION_HEADER, embedSecret, signEmbedSession } from "@/server/auth/embed-token";
import { createAdmin } from "@/server/services/admins";
import { backfillAchievement } from "@/server/services/achievements";
import { recordEvent } from "@/server/services/events";
import { getLearnerStats } from "@/server/services/learner-profile";
import { getViewerInfo } from "@/server/services/learner-views";
import { levelOf, listLevelBands, markLevelSeen } from "@/server/services/levels";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { shippedLevels } from "@/test/engine-defaults";
import { courseDone, lesson } from "@/test/engine-fixtures";
import { setUpRestServer } from "@/test/http-server";
import { countRows } from "@/test/table-counts";
import { startTrpcServer } from "@/test/trpc-server";

// Levels (DOMAIN.md and API.md Revision 2): the level of a total, levelUp in outcomes, the level.reached
// webhook, re-levelling by a band change without a ledger row, the announcement, and the editor's refusals.

process.env.WEBHOOK_ALLOW_PRIVATE = "true";
const { db, call } = await setUpRestServer("levels");
const adminId = (await createAdmin(db.prisma, { email: "levels@test.local", password: "levels admin password" })).id;
const session = { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() };
const admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
const trpc = await startTrpcServer(db, { session });
const DAY = "2026-11-25";
const hard = (userId: string, lessonId: string, hour = 10) =>
  lesson(userId, lessonId, `${DAY}T${String(hour).padStart(2, "0")}:00:00Z`, { courseId: "c-lv", difficulty: "hard" });

/** The level.reached deliveries written for one learner, oldest first. */
async function levelHooks(userId: string) {
  const rows = await db.prisma.webhookDelivery.findMany({ where: { type: "level.reached" }, orderBy: { id: "asc" } });
  return rows
    .map((r) => (r.payload as { data: { userId: string; from: number; to: number; level: { name: string } } }).data)
    .filter((d) => d.userId === userId);
}

beforeAll(async () => {
  await createWebhookEndpoint(db.prisma, { url: "http://127.0.0.1:9/levels", eventTypes: ["level.reached"] }, { adminId, actor: "test" });
});

describe("the level of a total (shipped ten levels)", () => {
  const bands = shippedLevels();
  it("ships ten levels from 0, each band about 1.3 times the one before", () => {
    expect(bands.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bands[0]!.startPoints).toBe(0);
    const sizes = bands.slice(1).map((b, i) => b.startPoints - bands[i]!.startPoints);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]! / sizes[i - 1]!).toBeCloseTo(1.3, 0);
  });

  it("changes level exactly at a band's start, with nextAt null at the top", () => {
    expect(levelOf(bands, 0)).toEqual({ number: 1, name: "Newcomer", points: 0, currentAt: 0, nextAt: 100 });
    expect(levelOf(bands, 99).number).toBe(1);
    expect(levelOf(bands, 100)).toEqual({ number: 2, name: "Learner", points: 100, currentAt: 100, nextAt: 230 });
    expect(levelOf(bands, 229).number).toBe(2);
    expect(levelOf(bands, 3199)).toMatchObject({ number: 9, nextAt: 3200 });
    expect(levelOf(bands, 3200)).toEqual({ number: 10, name: "Legend", points: 3200, currentAt: 3200, nextAt: null });
    expect(levelOf(bands, 1_000_000)).toMatchObject({ number: 10, nextAt: null });
  });
});

describe("levels at events", () => {
  it("puts levelUp in the outcome of the event that crosses a band, and the level in stats", async () => {
    const first = await call("POST", "/events", hard("lv-ada", "l1"));
    expect(first.body).toMatchObject({ pointsAwarded: 50, levelUp: null });
    const crossing = hard("lv-ada", "l2");
    const second = await call("POST", "/events", crossing);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ totals: { points: 100 }, levelUp: { from: 1, to: 2 } });
    // A repeat answers the first outcome, levelUp included.
    expect((await call("POST", "/events", crossing)).body).toEqual({ ...second.body, duplicate: true });
    const stats = await call("GET", "/users/lv-ada/stats");
    expect(stats.body.level).toEqual({ number: 2, name: "Learner", points: 100, currentAt: 100, nextAt: 230 });
  });

  it("gives each event of a batch its own levelUp, skipping levels when one event jumps several", async () => {
    const at = `${DAY}T09:00:00Z`;
    const batch = await call("POST", "/events/batch", {
      events: [
        courseDone("lv-bo", "c-1", at), // 100 + courses-1 (50): 150
        courseDone("lv-bo", "c-2", at), // 250
        courseDone("lv-bo", "c-3", at), // 350
        courseDone("lv-bo", "c-4", at, { difficulty: "hard" }), // 850
      ],
    });
    expect(batch.status).toBe(200);
    const results = (batch.body.results as { result: { levelUp: unknown; totals: { points: number } } }[]).map((r) => r.result);
    expect(results.map((r) => r.totals.points)).toEqual([150, 250, 350, 850]);
    expect(results.map((r) => r.levelUp)).toEqual([{ from: 1, to: 2 }, { from: 2, to: 3 }, null, { from: 3, to: 5 }]);
  });

  it("sends level.reached once per level reached, not for repeats or points within a band", async () => {
    await recordEvent(db.prisma, hard("lv-cy", "l1"));
    const crossing = hard("lv-cy", "l2");
    await recordEvent(db.prisma, crossing);
    await recordEvent(db.prisma, crossing);
    await recordEvent(db.prisma, lesson("lv-cy", "l3", `${DAY}T12:00:00Z`, { courseId: "c-lv" }));
    const hooks = await levelHooks("lv-cy");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ from: 1, to: 2, level: { number: 2, name: "Learner", points: 100, currentAt: 100 } });
  });

  it("levels a learner moved by a manual adjustment or an achievement backfill, with level.reached", async () => {
    await recordEvent(db.prisma, hard("lv-dee", "l1"));
    const adjusted = await admin.admin.learners.adjust({ userId: "lv-dee", points: 200, reason: "Workshop host" });
    expect(adjusted.points).toBe(250);
    expect((await getLearnerStats(db.prisma, "lv-dee")).level.number).toBe(3);
    expect((await levelHooks("lv-dee")).map((h) => [h.from, h.to])).toEqual([[1, 3]]);

    // A new achievement lv-dee (250 activity points) qualifies for, worth enough to lift them to level 4.
    const created = await db.prisma.achievement.create({
      data: { key: "lv-points-240", name: "Well on the way", points: 200, kind: "total_points", threshold: 240 },
    });
    await backfillAchievement(db.prisma, created.id);
    expect((await getLearnerStats(db.prisma, "lv-dee")).level).toMatchObject({ number: 4, points: 450 });
    expect((await levelHooks("lv-dee")).map((h) => [h.from, h.to])).toEqual([
      [1, 3],
      [3, 4],
    ]);
    await db.prisma.achievement.update({ where: { id: created.id }, data: { active: false } });
    await db.prisma.orgSettings.update({ where: { id: 1 }, data: { configVersion: { increment: 1 } } });
  });
});

describe("announcing a level once", () => {
  it("offers the new level to the learner's views until their embed marks it seen", async () => {
    const headers = new Headers({ [EMBED_SESSION_HEADER]: await signEmbedSession({ userId: "lv-ada", courseId: null }, embedSecret()) });
    const ada = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, headers }));
    const { newLevel } = await ada.embed.viewer();
    expect(newLevel).toMatchObject({ number: 2, name: "Learner", points: 100 });
    // The streak view shows the level too.
    expect((await ada.embed.streak())?.level).toEqual(newLevel);
    // A mark beyond the learner's real total counts only up to it: a level reached later is still news.
    await ada.embed.markLevelSeen({ points: 5000 });
    expect((await db.prisma.learner.findUniqueOrThrow({ where: { userId: "lv-ada" } })).levelSeenPoints).toBe(100);
    expect((await ada.embed.viewer()).newLevel).toBeNull();
    await expect(ada.embed.markLevelSeen({ points: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("changing the bands", () => {
  it("re-levels everyone at once from the same points, with no ledger row, audited", async () => {
    const before = await countRows(db);
    const cy = await getLearnerStats(db.prisma, "lv-cy");
    const saved = await admin.admin.levels.save({
      bands: [
        { name: "Seed", startPoints: 0 },
        { name: "Sprout", startPoints: 50 },
        { name: "Tree", startPoints: 115 },
      ],
    });
    expect(saved.map((b) => b.number)).toEqual([1, 2, 3]);
    const after = await getLearnerStats(db.prisma, "lv-cy");
    expect(after.points.allTime).toBe(cy.points.allTime);
    expect(after.level).toEqual({ number: 2, name: "Sprout", points: 110, currentAt: 50, nextAt: 115 });
    expect((await getLearnerStats(db.prisma, "lv-bo")).level).toMatchObject({ number: 3, name: "Tree", nextAt: null });
    const counts = await countRows(db);
    expect(counts.ledger_entry).toBe(before.ledger_entry);
    expect(counts.level_band).toBe(3);
    expect(await db.prisma.auditLog.count({ where: { action: "levels.update" } })).toBe(1);
    // The next event is levelled with the new bands, and a band change alone announces nothing already seen.
    expect((await recordEvent(db.prisma, hard("lv-cy", "l4"))).outcome.levelUp).toEqual({ from: 2, to: 3 });
    await markLevelSeen(db.prisma, "lv-ada", 100);
    expect((await getViewerInfo(db.prisma, { userId: "lv-ada", courseId: null })).newLevel).toBeNull();
  });

  it("previews how many learners sit in each band under edited bands, saving nothing", async () => {
    const learners = await db.prisma.learner.findMany({ select: { points: true } });
    const starts = [0, 120, 400];
    const expected = starts.map(
      (s, i) => learners.filter((l) => l.points >= s && (i + 1 === starts.length || l.points < starts[i + 1]!)).length,
    );
    const preview = await admin.admin.levels.preview({ starts });
    expect(preview).toEqual({ counts: expected, learners: learners.length });
    expect(preview.counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(await listLevelBands(db.prisma)).toHaveLength(3);
  });

  it("refuses a ladder that is not one with a 400 naming the field, and stores nothing", async () => {
    const before = await countRows(db);
    const cases: [unknown, (string | number)[]][] = [
      [
        [
          { name: "A", startPoints: 0 },
          { name: "B", startPoints: 100 },
          { name: "C", startPoints: 100 },
        ],
        ["bands", 2, "startPoints"],
      ],
      [
        [
          { name: "A", startPoints: 10 },
          { name: "B", startPoints: 100 },
        ],
        ["bands", 0, "startPoints"],
      ],
      [
        [
          { name: "A", startPoints: 0 },
          { name: "   ", startPoints: 100 },
        ],
        ["bands", 1, "name"],
      ],
      [[], ["bands"]],
    ];
    for (const [bands, field] of cases) {
      const res = await fetch(`${trpc.url}/admin.levels.save`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { bands } }),
      });
      expect(res.status, JSON.stringify(bands)).toBe(400);
      const body = (await res.json()) as { error: { json: { data: { issues: { path: unknown[] }[] } } } };
      expect(body.error.json.data.issues.map((i) => i.path)).toContainEqual(field);
    }
    expect(await countRows(db)).toEqual(before);
    expect((await listLevelBands(db.prisma)).map((b) => b.name)).toEqual(["Seed", "Sprout", "Tree"]);
  });
});
