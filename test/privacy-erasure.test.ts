import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventInput } from "@/server/schemas/events";
import { recordEvents } from "@/server/services/events";
import { getLeaderboard } from "@/server/services/leaderboards";
import { closeEndedPeriods } from "@/server/services/periods";
import { eraseLearner, erasedUserHash } from "@/server/services/privacy/erase";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { createWebhookEndpoint, WEBHOOK_EVENT_TYPES } from "@/server/services/webhooks";
import { receiveStatements } from "@/server/services/xapi";
import { createTestDatabase, type TestDatabase } from "@/test/database";

// Issue 21's "Done when": 1,000 events and some xAPI statements for 50 learners, one erased; then no string of
// theirs is left anywhere in the database, every board of the others equals the boards of a second database that
// never heard of them, and verify is clean.

const NOW = new Date("2026-12-02T12:00:00Z");
const ERASED = { userId: "zq-erased-7f3a", name: "Zelda Quintessa", email: "zelda.quintessa@school.example" };
const others = Array.from({ length: 49 }, (_, i) => ({
  userId: `learner-${i + 1}`,
  name: `Learner Number ${i + 1}`,
  email: `l${i + 1}@school.example`,
}));
const learners = [...others.slice(0, 20), ERASED, ...others.slice(20)];
const COURSES = ["c-1", "c-2", "c-3"];

// 20 events per learner over six weeks (deterministic), with names and time zones on their first event.
function eventsOf(l: (typeof learners)[number], n: number): EventInput[] {
  const out: EventInput[] = [];
  for (let k = 0; k < 20; k++) {
    const day = new Date(Date.UTC(2026, 9, 19) + ((n * 7 + k * 13) % 42) * 86_400_000 + ((n + k) % 10) * 3_600_000).toISOString();
    const courseId = COURSES[(n + k) % 3]!;
    const base = { id: `${l.userId}-e${k}`, userId: l.userId, occurredAt: day };
    const user = k === 0 ? { user: { displayName: l.name, timezone: "Europe/Paris" } } : {};
    if (k % 7 === 6) out.push({ ...base, type: "course.completed", courseId, score: (n + k) % 2 ? 100 : 80, ...user });
    else if (k % 5 === 4) out.push({ ...base, type: "user.login", ...user });
    else
      out.push({
        ...base,
        type: "lesson.completed",
        courseId,
        lessonId: `l-${(n * 3 + k) % 17}`,
        difficulty: (["easy", "medium", "hard"] as const)[k % 3],
        ...user,
      });
  }
  return out;
}

function statementsOf(l: (typeof learners)[number], n: number) {
  const uuid = (k: number) =>
    crypto
      .createHash("sha256")
      .update(`${l.userId}-${k}`)
      .digest("hex")
      .replace(/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*$/, "$1-$2-4$3-8$4-$5");
  const statement = (k: number, actor: object) => ({
    id: uuid(k),
    actor,
    verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
    object: { id: `https://lms.example.com/lesson/x${k}`, definition: { name: { en: `Lesson x${k}` } } },
    context: {
      contextActivities: {
        parent: [{ id: "https://lms.example.com/course/x", definition: { type: "http://adlnet.gov/expapi/activities/course" } }],
      },
    },
    timestamp: new Date(Date.UTC(2026, 10, 2 + ((n + k) % 20), 9)).toISOString(),
  });
  return [
    statement(1, { name: l.name, mbox: `mailto:${l.email}`, account: { homePage: "https://lms.example.com", name: l.userId } }),
    statement(2, { name: l.name, mbox: `mailto:${l.email}`, account: { homePage: "https://lms.example.com", name: l.userId } }),
    // Only the e-mail address: no learner to apply it to, but stored as sent.
    statement(3, { name: l.name, mbox: `mailto:${l.email}` }),
  ];
}

async function ingest(db: TestDatabase, who: typeof learners) {
  await createWebhookEndpoint(
    db.prisma,
    { url: "http://127.0.0.1:9/hooks", eventTypes: [...WEBHOOK_EVENT_TYPES] },
    { adminId: null, actor: "test" },
    { allowPrivate: true },
  );
  const all = who.flatMap((l) => eventsOf(l, learners.indexOf(l)));
  for (let i = 0; i < all.length; i += 100) {
    const results = await recordEvents(db.prisma, all.slice(i, i + 100), { now: NOW });
    expect(results.filter((r) => r.status !== "created")).toEqual([]);
  }
  await receiveStatements(
    db.prisma,
    who.flatMap((l) => statementsOf(l, learners.indexOf(l))),
    { now: NOW },
  );
  await closeEndedPeriods(db.prisma, "weekly", NOW);
  await closeEndedPeriods(db.prisma, "monthly", NOW);
}

/** Every board (all periods seen, global and per course) as a reader sees it. */
async function boards(db: TestDatabase) {
  const starts = await db.query<{ period: "weekly" | "monthly"; start: string }>(
    `SELECT DISTINCT period, period_start::text AS start FROM board_score WHERE period <> 'all-time' ORDER BY 1, 2`,
  );
  const refs = [
    { period: "all-time" as const, at: undefined as string | undefined },
    ...starts.map((s) => ({ period: s.period, at: s.start })),
  ];
  const out: Record<string, unknown> = {};
  for (const ref of refs) {
    for (const courseId of [null, ...COURSES, "https://lms.example.com/course/x"]) {
      const page = await getLeaderboard(db.prisma, { courseId, period: ref.period, at: ref.at, limit: 100, offset: 0 }, NOW);
      out[`${ref.period}|${ref.at}|${courseId}`] = { total: page.total, entries: page.entries };
    }
  }
  out.periodCloses = await db.query(`SELECT period, period_start::text, entries FROM period_close ORDER BY 1, 2`);
  out.earnedBy = await db.query(
    `SELECT a.key, count(la.*)::int AS n FROM achievement a LEFT JOIN learner_achievement la ON la.achievement_id = a.id GROUP BY a.key ORDER BY a.key`,
  );
  return out;
}

/** Every text, JSON and array value of every table, one string per value (the database "dump"). */
async function dump(db: TestDatabase): Promise<{ table: string; value: string }[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const out: { table: string; value: string }[] = [];
  for (const c of columns) {
    const filter = c.table_name === "webhook_delivery" ? ` WHERE type <> 'learner.erased'` : "";
    const rows = await db.query<{ v: string | null }>(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}"${filter}`);
    for (const r of rows) if (r.v !== null) out.push({ table: `${c.table_name}.${c.column_name}`, value: r.v });
  }
  return out;
}

let withHer: TestDatabase;
let without: TestDatabase;

beforeAll(async () => {
  [withHer, without] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await Promise.all([ingest(withHer, learners), ingest(without, others)]);
}, 300_000);
afterAll(async () => {
  await Promise.all([withHer.drop(), without.drop()]);
});

describe("erasing one of 50 learners", () => {
  it("starts with her everywhere, 1,000 events in all", async () => {
    const [events] = await withHer.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE id NOT LIKE '%-%-%-%-%'`);
    expect(events!.n).toBeGreaterThanOrEqual(1000);
    const found = (await dump(withHer)).filter((d) => [ERASED.userId, ERASED.name, ERASED.email].some((s) => d.value.includes(s)));
    expect([...new Set(found.map((d) => d.table.split(".")[0]))]).toEqual(
      expect.arrayContaining(["learner", "event", "board_score", "xapi_statement", "webhook_delivery", "ledger_entry"]),
    );
    expect(found.length).toBeGreaterThan(100);
  });

  it("leaves none of her strings in any table, and audits who erased a hash of her id", async () => {
    await expect(eraseLearner(withHer.prisma, ERASED.userId, { adminId: null, actor: "dpo@school.example" }, NOW)).resolves.toEqual({
      userId: ERASED.userId,
      erased: true,
    });
    const found = (await dump(withHer)).filter((d) =>
      [ERASED.userId, ERASED.name, ERASED.email].some((s) => d.value.toLowerCase().includes(s.toLowerCase())),
    );
    expect(found).toEqual([]);
    const audit = await withHer.prisma.auditLog.findFirst({ where: { action: "learner.erase" } });
    expect(audit).toMatchObject({ actor: "dpo@school.example", target: `learner-erased:${erasedUserHash(ERASED.userId)}` });
    const erasedHook = await withHer.prisma.webhookDelivery.findMany({ where: { type: "learner.erased" } });
    expect(erasedHook.map((d) => (d.payload as { data: unknown }).data)).toEqual([{ userId: ERASED.userId, erasedAt: NOW.toISOString() }]);
  });

  it("leaves every board, closed period and earnedBy as if she had never had points, and verify clean", async () => {
    expect(await boards(withHer)).toEqual(await boards(without));
    expect(totalDrift(await findDrift(withHer.prisma))).toBe(0);
  });

  it("keeps the ledger append-only for everything else", async () => {
    const [before] = await withHer.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entry`);
    await expect(withHer.query(`DELETE FROM ledger_entry WHERE id IN (SELECT id FROM ledger_entry LIMIT 1)`)).rejects.toThrow(
      /append-only/,
    );
    await expect(withHer.query(`SELECT set_config('gamify.erasure', 'on', false); UPDATE ledger_entry SET points = 0`)).rejects.toThrow();
    const [after] = await withHer.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_entry`);
    expect(after!.n).toBe(before!.n);
  });

  it("answers 404 for her now, and her old events create a new learner", async () => {
    await expect(eraseLearner(withHer.prisma, ERASED.userId, { adminId: null, actor: "test" }, NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const again = eventsOf(ERASED, learners.indexOf(ERASED)).slice(0, 3);
    const results = await recordEvents(withHer.prisma, again, { now: NOW });
    expect(results.map((r) => r.status)).toEqual(["created", "created", "created"]);
    const learner = await withHer.prisma.learner.findUnique({ where: { userId: ERASED.userId } });
    expect(learner?.displayName).toBe(ERASED.name);
    expect(totalDrift(await findDrift(withHer.prisma))).toBe(0);
  });
});
