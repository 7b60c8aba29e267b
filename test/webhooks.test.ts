import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import type { Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAdmin } from "@/server/services/admins";
import { recordEvent } from "@/server/services/events";
import { closePeriod } from "@/server/services/periods";
import { loadConfig } from "@/server/services/rules";
import { checkStreaks } from "@/server/services/streak-check";
import {
  checkTargetUrl,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliverDueWebhooks,
  deliverNow,
  drainWebhooks,
  enqueueWebhooks,
  ingestionWebhookMessages,
  enqueueTestDelivery,
  isPrivateAddress,
  listDeliveries,
  listWebhookEndpoints,
  MAX_ATTEMPTS,
  replayDelivery,
  RETRY_DELAYS_MS,
  setWebhookEndpointEnabled,
  WEBHOOK_EVENT_TYPES,
} from "@/server/services/webhooks";
import { createTestDatabase } from "@/test/database";
import { courseDone, lesson, login } from "@/test/engine-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  // The receiver listens on loopback, which is refused unless private targets are allowed (read when first used).
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  db = await createTestDatabase();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.drop();
});
beforeEach(async () => {
  for (const e of await listWebhookEndpoints(db.prisma)) await deleteWebhookEndpoint(db.prisma, e.id);
  receiver.reset();
});

const ADMIN = { adminId: null, actor: "test-admin" };

async function endpoint(eventTypes: string[] = [...WEBHOOK_EVENT_TYPES], url = receiver.url) {
  const created = await createWebhookEndpoint(db.prisma, { url, eventTypes }, ADMIN);
  receiver.useSecret(created.secret);
  return created;
}
const deliveries = () => db.prisma.webhookDelivery.findMany({ orderBy: { id: "asc" } });
const seconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe("endpoints", () => {
  it("shows the signing secret once, at creation, and never in lists", async () => {
    const created = await endpoint(["points.awarded"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await listWebhookEndpoints(db.prisma);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6));
    expect(listed[0]).toMatchObject({ url: receiver.url, eventTypes: ["points.awarded"], enabled: true, createdBy: "test-admin" });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "webhook.create" } });
    expect(JSON.stringify(audit.details)).not.toContain(created.secret.slice(6));
  });

  it("refuses private, loopback and link-local targets unless allowed, and URLs with credentials", async () => {
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://10.1.2.3/x",
      "http://172.16.0.9/x",
      "http://192.168.1.1/x",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/x",
      "http://[fd00::1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://localhost:3000/x",
      "http://0.0.0.0/x",
    ]) {
      const refused = await createWebhookEndpoint(db.prisma, { url, eventTypes: ["points.awarded"] }, ADMIN, { allowPrivate: false }).catch(
        (e) => e,
      );
      expect(refused, url).toBeInstanceOf(AppError);
      expect((refused as AppError).issues?.[0]?.path, url).toEqual(["url"]);
    }
    for (const url of ["ftp://example.com/x", "not a url", "https://user:pass@example.com/x"]) {
      await expect(checkTargetUrl(url, { allowPrivate: true }), url).rejects.toThrow(/Invalid url/);
    }
    expect(isPrivateAddress("93.184.215.14")).toBe(false);
    expect(isPrivateAddress("2606:4700::1111")).toBe(false);
    expect((await checkTargetUrl("http://127.0.0.1:9/x", { allowPrivate: true })).hostname).toBe("127.0.0.1");
  });

  it("refuses unknown or no event types", async () => {
    await expect(createWebhookEndpoint(db.prisma, { url: receiver.url, eventTypes: ["points.spent"] })).rejects.toThrow(/eventTypes/);
    await expect(createWebhookEndpoint(db.prisma, { url: receiver.url, eventTypes: [] })).rejects.toThrow(/eventTypes/);
  });

  it("changes to endpoints reach the ingestion cache (config_version), so the hot path skips work without them", async () => {
    const before = (await loadConfig(db.prisma)).webhookSubscriptions;
    expect(before).toEqual([]);
    const e = await endpoint(["points.awarded"]);
    expect((await loadConfig(db.prisma)).webhookSubscriptions).toEqual([{ endpointId: e.id, eventTypes: ["points.awarded"] }]);
    await setWebhookEndpointEnabled(db.prisma, e.id, false, ADMIN);
    expect((await loadConfig(db.prisma)).webhookSubscriptions).toEqual([]);
    // Nobody subscribed: the outbox call makes no query at all.
    const noQueries: Sql = { query: () => Promise.reject(new Error("no query expected")) };
    const config = await loadConfig(db.prisma);
    const outcome = {
      eventId: "x",
      duplicate: false,
      pointsAwarded: 10,
      awards: [],
      achievementsUnlocked: [],
      streak: { current: 1, longest: 1 },
      totals: { points: 10, lessonsCompleted: 1, coursesCompleted: 0 },
      levelUp: null,
    };
    const facts = {
      userId: "u",
      eventType: "lesson.completed",
      occurredAt: new Date(),
      outcome,
      streakBefore: { longestStreak: 0, lastActiveDate: null, runStartDate: null },
      zone: "UTC",
      now: new Date(),
      levelUp: null,
    };
    const messages = ingestionWebhookMessages(config.webhookSubscriptions, facts);
    expect(messages).toEqual([]);
    expect(await enqueueWebhooks(noQueries, config.webhookSubscriptions, messages, new Date())).toBe(0);
  });
});

describe("the outbox: deliveries written with the change they announce", () => {
  it("announces points, achievements and an extended streak, signed per Standard Webhooks", async () => {
    const e = await endpoint(["points.awarded", "achievement.unlocked", "streak.extended"]);
    const other = await createWebhookEndpoint(db.prisma, { url: receiver.url, eventTypes: ["leaderboard.period_closed"] });
    await recordEvent(db.prisma, login("wh-ada", `${daysAgo(1)}T09:00:00Z`));
    await recordEvent(db.prisma, courseDone("wh-ada", "c-wh", `${today()}T00:00:01Z`, { score: 100 }));
    const rows = await deliveries();
    expect(rows.every((r) => r.endpointId === e.id && r.status === "pending")).toBe(true);
    expect(rows.map((r) => r.type).sort()).toEqual(["achievement.unlocked", "achievement.unlocked", "points.awarded", "streak.extended"]);
    expect(new Set(rows.map((r) => r.webhookId)).size).toBe(rows.length);

    const result = await deliverDueWebhooks(db.prisma);
    expect(result).toMatchObject({ attempted: 4, succeeded: 4 });
    expect(receiver.requests).toHaveLength(4);
    for (const r of receiver.requests) {
      expect(r.verifyError).toBeNull();
      expect(r.headers["webhook-id"]).toMatch(/^msg_/);
      expect(r.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(Object.keys(JSON.parse(r.body))).toEqual(["type", "timestamp", "data"]);
    }
    const byType = (t: string) => receiver.requests.filter((r) => r.verified!.type === t).map((r) => r.verified!.data);
    expect(byType("points.awarded")).toEqual([
      expect.objectContaining({
        userId: "wh-ada",
        eventType: "course.completed",
        points: 100 + 5 + 50 + 100,
        totals: expect.objectContaining({ coursesCompleted: 1 }),
      }),
    ]);
    expect(
      byType("achievement.unlocked")
        .map((d) => (d.achievement as { key: string }).key)
        .sort(),
    ).toEqual(["courses-1", "perfect-course"]);
    expect(byType("streak.extended")).toEqual([expect.objectContaining({ userId: "wh-ada", current: 2, previous: 1 })]);
    expect(await db.prisma.webhookDelivery.count({ where: { endpointId: other.id } })).toBe(0);
    expect(await db.prisma.webhookDelivery.count({ where: { status: "succeeded", deliveredAt: { not: null }, lastStatusCode: 200 } })).toBe(
      4,
    );
  });

  it("sends nothing for an event whose transaction rolled back", async () => {
    await endpoint(["points.awarded"]);
    // Fail the ingestion transaction at COMMIT, after everything in it (the outbox write included) ran.
    await db.exec(`
      CREATE FUNCTION fail_rollback_me() RETURNS trigger AS $$
      BEGIN IF NEW.id = 'wh-rollback-me' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END;
      $$ LANGUAGE plpgsql;
      CREATE CONSTRAINT TRIGGER fail_rollback_me AFTER INSERT ON event DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION fail_rollback_me();`);
    try {
      await expect(
        recordEvent(db.prisma, lesson("wh-rollback", "l-1", `${today()}T00:00:01Z`, { id: "wh-rollback-me" })),
      ).rejects.toThrow();
    } finally {
      await db.exec(`DROP TRIGGER fail_rollback_me ON event; DROP FUNCTION fail_rollback_me();`);
    }
    expect(await db.prisma.event.count({ where: { id: "wh-rollback-me" } })).toBe(0);
    expect(await deliveries()).toEqual([]);
    expect(await deliverDueWebhooks(db.prisma)).toMatchObject({ attempted: 0 });
    expect(receiver.requests).toHaveLength(0);
    // The same event, committed, is announced.
    await recordEvent(db.prisma, lesson("wh-rollback", "l-1", `${today()}T00:00:01Z`, { id: "wh-rollback-me" }));
    expect(await deliverDueWebhooks(db.prisma)).toMatchObject({ attempted: 1, succeeded: 1 });
  });

  it("announces a lost streak from the streak check, and a closed period from the close", async () => {
    await endpoint(["streak.lost", "leaderboard.period_closed"]);
    await recordEvent(db.prisma, login("wh-lost", "2026-10-05T10:00:00Z", { user: { displayName: "Lost" } }));
    await recordEvent(db.prisma, lesson("wh-lost", "l-1", "2026-10-06T10:00:00Z", { difficulty: "hard" }));
    const now = new Date("2026-10-12T12:00:00Z");
    await checkStreaks(db.prisma, now);
    await checkStreaks(db.prisma, now); // the second check finds nothing new
    await closePeriod(db.prisma, "weekly", "2026-10-05", now);
    await closePeriod(db.prisma, "weekly", "2026-10-05", now); // already closed: nothing more
    const rows = await deliveries();
    expect(rows.map((r) => r.type)).toEqual(["streak.lost", "leaderboard.period_closed"]);
    expect((rows[0]!.payload as { data: unknown }).data).toEqual({
      userId: "wh-lost",
      lastActiveDate: "2026-10-06",
      lostOn: "2026-10-08",
      streak: 2,
      longestStreak: 2,
    });
    expect((rows[1]!.payload as { data: unknown }).data).toMatchObject({
      period: "weekly",
      periodStart: "2026-10-05",
      entries: expect.any(Number),
      top: expect.arrayContaining([{ rank: 1, userId: "wh-lost", displayName: "Lost", points: 55 }]),
    });
    expect((await drainWebhooks(db.prisma)).succeeded).toBe(2);
  });
});

describe("delivery: retries, retry-after, 410, giving up", () => {
  it("a receiver that fails twice then succeeds gets the event exactly once, with the same webhook-id", async () => {
    await endpoint(["points.awarded"]);
    await recordEvent(db.prisma, lesson("wh-retry", "l-1", `${today()}T00:00:01Z`));
    receiver.reply({ status: 500, body: "database down" }, { status: 503 });
    const t0 = new Date();
    expect(await deliverDueWebhooks(db.prisma, { now: t0 })).toMatchObject({ attempted: 1, retrying: 1 });
    let [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500: database down" });
    expect(row!.nextAttemptAt.getTime() - t0.getTime()).toBe(RETRY_DELAYS_MS[0]);

    expect(await deliverDueWebhooks(db.prisma, { now: seconds(t0, 4) })).toMatchObject({ attempted: 0 });
    expect(await deliverDueWebhooks(db.prisma, { now: seconds(t0, 5) })).toMatchObject({ attempted: 1, retrying: 1 });
    [row] = await deliveries();
    expect(row).toMatchObject({ attempts: 2, lastStatusCode: 503 });
    expect(row!.nextAttemptAt.getTime() - seconds(t0, 5).getTime()).toBe(RETRY_DELAYS_MS[1]);

    expect(await deliverDueWebhooks(db.prisma, { now: row!.nextAttemptAt })).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(await deliverDueWebhooks(db.prisma, { now: seconds(row!.nextAttemptAt, 86_400) })).toMatchObject({ attempted: 0 });
    [row] = await deliveries();
    expect(row).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 200, lastError: null });

    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([row!.webhookId]));
    expect(receiver.requests.every((r) => r.verifyError === null)).toBe(true);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect([...receiver.processed.keys()]).toEqual([row!.webhookId]);
  });

  it("honours retry-after when it asks for longer than the schedule", async () => {
    await endpoint(["points.awarded"]);
    await recordEvent(db.prisma, lesson("wh-429", "l-1", `${today()}T00:00:01Z`));
    receiver.reply({ status: 429, headers: { "retry-after": "600" } });
    const t0 = new Date();
    await deliverDueWebhooks(db.prisma, { now: t0 });
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 429 });
    expect(row!.nextAttemptAt.getTime() - t0.getTime()).toBe(600_000);
  });

  it("410 Gone disables the endpoint and its pending deliveries; later changes are not queued", async () => {
    const e = await endpoint(["points.awarded"]);
    await recordEvent(db.prisma, lesson("wh-gone", "l-1", `${today()}T00:00:01Z`));
    await recordEvent(db.prisma, lesson("wh-gone", "l-2", `${today()}T00:00:02Z`));
    receiver.reply({ status: 410 });
    const result = await deliverDueWebhooks(db.prisma, { limit: 1 });
    expect(result).toMatchObject({ attempted: 1, disabled: 1 });
    expect((await deliveries()).map((d) => d.status)).toEqual(["disabled", "disabled"]);
    const [summary] = await listWebhookEndpoints(db.prisma);
    expect(summary).toMatchObject({ id: e.id, enabled: false, disabledReason: "The receiver answered 410 Gone" });
    await recordEvent(db.prisma, lesson("wh-gone", "l-3", `${today()}T00:00:03Z`));
    expect(await deliveries()).toHaveLength(2);
    expect(receiver.requests).toHaveLength(1);
    await expect(replayDelivery(db.prisma, (await deliveries())[0]!.id)).rejects.toThrow(/Enable the endpoint/);
  });

  it("follows the schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", async () => {
    await endpoint(["points.awarded"]);
    await recordEvent(db.prisma, lesson("wh-fail", "l-1", `${today()}T00:00:01Z`));
    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      receiver.reply({ status: 500 });
      expect(await deliverDueWebhooks(db.prisma, { now })).toMatchObject({ attempted: 1 });
      const [row] = await deliveries();
      expect(row!.attempts).toBe(attempt);
      if (row!.status === "failed") break;
      waits.push(row!.nextAttemptAt.getTime() - now.getTime());
      now = row!.nextAttemptAt;
    }
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    expect(receiver.requests).toHaveLength(8);
  });

  it("two runners at once never send a delivery twice", async () => {
    await endpoint(["points.awarded"]);
    for (let i = 0; i < 6; i++) await recordEvent(db.prisma, lesson("wh-race", `l-${i}`, `${today()}T00:00:0${i}Z`));
    const [a, b] = await Promise.all([deliverDueWebhooks(db.prisma), deliverDueWebhooks(db.prisma)]);
    expect(a.attempted + b.attempted).toBe(6);
    expect(receiver.requests).toHaveLength(6);
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"])).size).toBe(6);
  });
});

describe("test events, the delivery log and replay", () => {
  it("sends a test event at once, logs it, and replays a delivery with the same webhook-id", async () => {
    const e = await endpoint(["streak.lost"]);
    const sent = await deliverNow(db.prisma, await enqueueTestDelivery(db.prisma, e.id));
    expect(sent).toMatchObject({ type: "webhook.test", status: "succeeded", attempts: 1, lastStatusCode: 200 });
    expect(receiver.requests[0]!.verified).toMatchObject({ type: "webhook.test", data: { endpointId: e.id } });

    const log = await listDeliveries(db.prisma, { endpointId: e.id, limit: 10 });
    expect(log.rows.map((r) => r.id)).toEqual([sent.id]);
    const replayed = await replayDelivery(db.prisma, BigInt(sent.id), ADMIN);
    expect(replayed).toMatchObject({ status: "pending", attempts: 0, webhookId: sent.webhookId });
    expect(await deliverDueWebhooks(db.prisma)).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual([sent.webhookId, sent.webhookId]);
    expect(await db.prisma.auditLog.count({ where: { action: "webhook.replay", target: `webhook:${e.id}` } })).toBe(1);
  });

  it("a receiver that cannot verify the signature answers 401, and the delivery is retried", async () => {
    const e = await endpoint(["points.awarded"]);
    receiver.useSecret("whsec_" + Buffer.from("another secret entirely").toString("base64"));
    const sent = await deliverNow(db.prisma, await enqueueTestDelivery(db.prisma, e.id));
    expect(sent).toMatchObject({ status: "pending", lastStatusCode: 401 });
    expect(receiver.requests[0]!.verifyError).toMatch(/No matching signature/);
  });

  it("disabling stops pending deliveries; deleting removes the endpoint and its log", async () => {
    const e = await endpoint(["points.awarded"]);
    await recordEvent(db.prisma, lesson("wh-off", "l-1", `${today()}T00:00:01Z`));
    await setWebhookEndpointEnabled(db.prisma, e.id, false, ADMIN);
    expect((await deliveries()).map((d) => d.status)).toEqual(["disabled"]);
    expect(await deliverDueWebhooks(db.prisma)).toMatchObject({ attempted: 0 });
    await setWebhookEndpointEnabled(db.prisma, e.id, true, ADMIN);
    await replayDelivery(db.prisma, (await deliveries())[0]!.id);
    expect(await deliverDueWebhooks(db.prisma)).toMatchObject({ succeeded: 1 });
    await deleteWebhookEndpoint(db.prisma, e.id, ADMIN);
    expect(await deliveries()).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { target: `webhook:${e.id}` } })).toBe(4);
  });
});

describe("the dashboard's procedures (admin.webhooks.*)", () => {
  let admin: ReturnType<typeof createCaller>;
  let anonymous: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    delete process.env.INNGEST_DEV;
    delete process.env.INNGEST_EVENT_KEY;
    const { id } = await createAdmin(db.prisma, { email: "hooks@example.test", password: "long-enough" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
    anonymous = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind }));
  });

  it("refuses every webhook procedure without a signed-in admin", async () => {
    const calls = [
      () => anonymous.admin.webhooks.list(),
      () => anonymous.admin.webhooks.create({ url: receiver.url, eventTypes: ["points.awarded"] }),
      () => anonymous.admin.webhooks.sendTest({ id: 1 }),
      () => anonymous.admin.webhooks.replay({ id: "1" }),
      () => anonymous.admin.webhooks.runNow(),
      () => anonymous.admin.xapi.log({}),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await db.prisma.webhookEndpoint.count()).toBe(0);
  });

  it("adds an endpoint (secret once), tests it, lists its deliveries, replays one and runs the job now", async () => {
    const created = await admin.admin.webhooks.create({ url: receiver.url, eventTypes: ["points.awarded"], description: "Slack bridge" });
    receiver.useSecret(created.secret);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await admin.admin.webhooks.list();
    expect(listed.map((e) => Object.keys(e))).not.toContainEqual(expect.arrayContaining(["secret"]));
    await expect(admin.admin.webhooks.create({ url: "http://127.0.0.1/x", eventTypes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const test = await admin.admin.webhooks.sendTest({ id: created.id });
    expect(test).toMatchObject({ type: "webhook.test", status: "succeeded", lastStatusCode: 200 });
    await recordEvent(db.prisma, lesson("wh-dash", "l-1", `${today()}T00:00:01Z`));
    expect(await admin.admin.webhooks.pending()).toMatchObject({ pending: 1 });
    const ran = await admin.admin.webhooks.runNow();
    expect(ran).toMatchObject({ mode: "ran", result: { attempted: 1, succeeded: 1 } });
    const log = await admin.admin.webhooks.deliveries({ endpointId: created.id });
    expect(log.rows.map((r) => r.type)).toEqual(["points.awarded", "webhook.test"]);
    expect(await admin.admin.webhooks.replay({ id: log.rows[0]!.id })).toMatchObject({
      status: "pending",
      webhookId: log.rows[0]!.webhookId,
    });
    const disabled = await admin.admin.webhooks.setEnabled({ id: created.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "Disabled by hooks@example.test", deliveries: { disabled: 1 } });
    await admin.admin.webhooks.delete({ id: created.id });
    expect(await admin.admin.webhooks.list()).toEqual([]);
    await expect(admin.admin.webhooks.get({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
