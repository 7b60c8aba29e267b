import { beforeAll, describe, expect, it } from "vitest";
import { startRestServer, setUpRestServer } from "@/test/http-server";
import { createApiKey, revokeApiKey } from "@/server/services/api-keys";
import { lesson, login, courseDone, courseStart } from "@/test/engine-fixtures";

const { db, server, key } = await setUpRestServer("lms");

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

type ErrorBody = { error: { code: string; message: string; issues: { path: unknown }[] } };
const expectBadRequest = (r: { status: number; body: ErrorBody }, path: (string | number)[]) => {
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe("BAD_REQUEST");
  expect(typeof r.body.error.message).toBe("string");
  expect(r.body.error.issues.map((i) => i.path)).toContainEqual(path);
};

const learnerCount = () => db.prisma.learner.count();
const eventCount = () => db.prisma.event.count();

// Lin, read by the learners and the achievements scenarios (the only learner with "speed-course").
beforeAll(async () => {
  await call("POST", "/events", courseStart("lr-1", "c-speed", "2026-11-24T09:00:00Z", { user: { displayName: "Lin" } }));
  await call("POST", "/events", courseDone("lr-1", "c-speed", "2026-11-24T15:00:00Z", { score: 100 }));
});

describe("auth", () => {
  it("refuses a missing or wrong key with 401 on every route but the OpenAPI document", async () => {
    for (const [method, path] of [
      ["GET", "/leaderboards/global"],
      ["POST", "/events"],
      ["GET", "/users/u/stats"],
      ["GET", "/achievements"],
    ]) {
      const none = await fetch(`${server.url}/api/v1${path}`, { method });
      expect(none.status, path).toBe(401);
      expect((await none.json()).error.code).toBe("UNAUTHORIZED");
      const wrong = await call(method!, path!, undefined, { authorization: "Bearer gk_wrong" });
      expect(wrong.status).toBe(401);
    }
    const doc = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(doc.status).toBe(200);
  });

  it("refuses a revoked key", async () => {
    const temp = await createApiKey(db.prisma, "temp");
    expect((await call("GET", "/achievements", undefined, { authorization: `Bearer ${temp.key}` })).status).toBe(200);
    await revokeApiKey(db.prisma, "temp");
    expect((await call("GET", "/achievements", undefined, { authorization: `Bearer ${temp.key}` })).status).toBe(401);
  });
});

describe("POST /events", () => {
  it("answers 201 with the outcome, then 200 duplicate with the same outcome", async () => {
    const e = lesson("api-1", "l-1", "2026-11-25T10:00:00Z", {
      courseId: "c-7",
      difficulty: "medium",
      user: { displayName: "Ada", timezone: "Europe/Paris" },
    });
    const first = await call("POST", "/events", e);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      eventId: e.id,
      duplicate: false,
      pointsAwarded: 25,
      awards: [{ reason: "lesson.completed", points: 25 }],
      achievementsUnlocked: [],
      streak: { current: expect.any(Number), longest: 1 },
      totals: { points: 25, lessonsCompleted: 1, coursesCompleted: 0 },
    });
    const again = await call("POST", "/events", e);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
  });

  it("answers 409 for an id reused with another payload, storing nothing", async () => {
    const e = login("api-2", "2026-11-25T10:00:00Z");
    await call("POST", "/events", e);
    const r = await call("POST", "/events", { ...e, userId: "api-2b" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("CONFLICT");
    expect(await db.prisma.learner.count({ where: { userId: "api-2b" } })).toBe(0);
  });

  const valid = { id: "api-bad", type: "course.completed", userId: "api-bad-user", occurredAt: "2026-11-25T10:00:00Z", courseId: "c-1" };
  const bad: [string, unknown, (string | number)[]][] = [
    ["missing type", { ...valid, type: undefined }, ["type"]],
    ["unknown type", { ...valid, type: "course.finished" }, ["type"]],
    ["numeric userId", { ...valid, userId: 42 }, ["userId"]],
    ["string score", { ...valid, score: "100" }, ["score"]],
    ["malformed occurredAt", { ...valid, occurredAt: "yesterday" }, ["occurredAt"]],
    ["occurredAt without the T", { ...valid, occurredAt: "2026-11-25 10:00:00Z" }, ["occurredAt"]],
    ["far-future occurredAt", { ...valid, occurredAt: "2030-01-01T00:00:00Z" }, ["occurredAt"]],
    ["missing courseId", { ...valid, courseId: undefined }, ["courseId"]],
    ["bad zone", { ...valid, user: { timezone: "Nowhere/Land" } }, ["user", "timezone"]],
  ];
  for (const [name, body, path] of bad) {
    it(`answers 400 naming ${path.join(".")} for ${name}, storing nothing`, async () => {
      const before = [await learnerCount(), await eventCount()];
      expectBadRequest(await call("POST", "/events", body), path);
      expect([await learnerCount(), await eventCount()]).toEqual(before);
    });
  }

  it("answers 400 for a body that is not JSON, and for an empty body", async () => {
    const r = await call("POST", "/events", "{not json");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("BAD_REQUEST");
    expect((await call("POST", "/events", "")).status).toBe(400);
    expect((await call("POST", "/events", "[1,2]")).status).toBe(400);
  });

  it("answers 413 for a body over 1 MiB, storing nothing", async () => {
    const before = await eventCount();
    const r = await call("POST", "/events", { ...valid, id: "huge", padding: "x".repeat(1024 * 1024 + 10) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await eventCount()).toBe(before);
  });

  it("never shows a stack trace or SQL", async () => {
    const r = await call("POST", "/events", { ...valid, id: "x".repeat(10_000) });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|SELECT|INSERT|prisma/i);
  });
});

describe("POST /events/batch", () => {
  it("records events in order, rejecting a bad one alone with paths relative to it", async () => {
    const good1 = lesson("api-batch", "l-1", "2026-11-24T10:00:00Z");
    const good2 = lesson("api-batch", "l-2", "2026-11-25T10:00:00Z");
    const r = await call("POST", "/events/batch", {
      events: [good1, { ...good2, id: "api-batch-bad", occurredAt: "nope" }, good2, good1],
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(["created", "error", "created", "duplicate"]);
    expect(r.body.results[1].error.code).toBe("BAD_REQUEST");
    expect(r.body.results[1].error.issues[0].path).toEqual(["occurredAt"]);
    expect(r.body.results[2].result.awards).toEqual([
      { reason: "lesson.completed", points: 10 },
      { reason: "streak.day", points: 5 },
    ]);
    expect(await db.prisma.event.count({ where: { id: "api-batch-bad" } })).toBe(0);
  });

  it("answers 400 for a malformed envelope: no events array, 0 or more than 500 events", async () => {
    expectBadRequest(await call("POST", "/events/batch", {}), ["events"]);
    expectBadRequest(await call("POST", "/events/batch", { events: [] }), ["events"]);
    const many = Array.from({ length: 501 }, (_, i) => login(`api-many-${i}`, "2026-11-25T10:00:00Z"));
    const before = await learnerCount();
    expectBadRequest(await call("POST", "/events/batch", { events: many }), ["events"]);
    expect(await learnerCount()).toBe(before);
  });
});

describe("leaderboards", () => {
  beforeAll(async () => {
    const events = [
      lesson("lb-grace", "l-1", "2026-11-24T10:00:00Z", { courseId: "c-lb", difficulty: "hard", user: { displayName: "Grace" } }),
      lesson("lb-alan", "l-1", "2026-11-24T10:00:00Z", { courseId: "c-lb", difficulty: "medium", user: { displayName: "Alan" } }),
      lesson("lb-ada", "l-1", "2026-11-24T10:00:00Z", { courseId: "c-lb", difficulty: "medium", user: { displayName: "Ada" } }),
    ];
    for (const e of events) expect((await call("POST", "/events", e)).status).toBe(201);
    // A learner with no points on c-lb.
    expect((await call("POST", "/events", login("lb-elsewhere", "2026-11-24T10:00:00Z"))).status).toBe(201);
  });

  it("serves the global board with competition ranks and ties by user id", async () => {
    const r = await call("GET", "/leaderboards/global?period=all-time&limit=100");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scope: "global", courseId: null, period: "all-time", periodStart: null, periodEnd: null });
    const lb = r.body.entries.filter((e: { userId: string }) => e.userId.startsWith("lb-"));
    expect(lb).toEqual([
      { rank: expect.any(Number), userId: "lb-grace", displayName: "Grace", points: 50 },
      { rank: expect.any(Number), userId: "lb-ada", displayName: "Ada", points: 25 },
      { rank: expect.any(Number), userId: "lb-alan", displayName: "Alan", points: 25 },
    ]);
    expect(lb[1].rank).toBe(lb[2].rank);
    expect(r.body.total).toBe(r.body.entries.length);
  });

  it("serves a course board, weekly with its bounds, and an empty board for an unknown course", async () => {
    const r = await call("GET", "/leaderboards/courses/c-lb?period=weekly&at=2026-11-24");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      scope: "course",
      courseId: "c-lb",
      period: "weekly",
      periodStart: "2026-11-23T00:00:00.000Z",
      periodEnd: "2026-11-30T00:00:00.000Z",
      total: 3,
    });
    expect(r.body.entries.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 2]);
    const empty = await call("GET", "/leaderboards/courses/never-named?period=monthly");
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ total: 0, entries: [] });
  });

  it("pages with limit and offset", async () => {
    const page = await call("GET", "/leaderboards/courses/c-lb?limit=1&offset=1");
    expect(page.body.entries).toEqual([{ rank: 2, userId: "lb-ada", displayName: "Ada", points: 25 }]);
  });

  it("serves around-me, with me null for a learner without points there, and 404 for an unknown learner", async () => {
    const r = await call("GET", "/leaderboards/courses/c-lb/around/lb-ada?radius=1");
    expect(r.status).toBe(200);
    expect(r.body.me).toEqual({ rank: 2, userId: "lb-ada", displayName: "Ada", points: 25 });
    expect(r.body.entries.map((e: { userId: string }) => e.userId)).toEqual(["lb-grace", "lb-ada", "lb-alan"]);
    const global = await call("GET", "/leaderboards/global/around/lb-ada?radius=0");
    expect(global.body.entries).toHaveLength(1);
    const none = await call("GET", "/leaderboards/courses/c-lb/around/lb-elsewhere");
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ me: null, entries: [] });
    const unknown = await call("GET", "/leaderboards/global/around/nobody");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  it("answers 400 for out-of-range or malformed query parameters", async () => {
    expectBadRequest(await call("GET", "/leaderboards/global?limit=0"), ["limit"]);
    expectBadRequest(await call("GET", "/leaderboards/global?limit=101"), ["limit"]);
    expectBadRequest(await call("GET", "/leaderboards/global?limit=ten"), ["limit"]);
    expectBadRequest(await call("GET", "/leaderboards/global?offset=-1"), ["offset"]);
    expectBadRequest(await call("GET", "/leaderboards/global?period=yearly"), ["period"]);
    expectBadRequest(await call("GET", "/leaderboards/global?period=weekly&at=2026-13-01"), ["at"]);
    expectBadRequest(await call("GET", "/leaderboards/courses/c-lb?at=26-11-2026"), ["at"]);
    expectBadRequest(await call("GET", "/leaderboards/global/around/lb-ada?radius=26"), ["radius"]);
    expectBadRequest(await call("GET", "/leaderboards/courses/c-lb/around/lb-ada?radius=-1"), ["radius"]);
  });
});

describe("learners", () => {
  it("serves stats", async () => {
    const r = await call("GET", "/users/lr-1/stats");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      userId: "lr-1",
      displayName: "Lin",
      timezone: "UTC",
      points: { allTime: 100 + 50 + 100 + 100 },
      lessonsCompleted: 0,
      coursesCompleted: 1,
      streak: { longest: 1, lastActiveDate: "2026-11-24" },
      achievementsEarned: 3,
    });
    expect(r.body.rank.allTime).toBeGreaterThanOrEqual(1);
    expect((await call("GET", "/users/nobody/stats")).status).toBe(404);
  });

  it("serves the streak with the zone", async () => {
    const r = await call("GET", "/users/lr-1/streak");
    expect(r.body).toMatchObject({ longest: 1, lastActiveDate: "2026-11-24", timezone: "UTC" });
    expect(typeof r.body.activeToday).toBe("boolean");
    expect((await call("GET", "/users/nobody/streak")).status).toBe(404);
  });

  it("serves achievements earned and in progress, and marks them seen once", async () => {
    const r = await call("GET", "/users/lr-1/achievements");
    expect(r.body.earned.map((a: { key: string }) => a.key).sort()).toEqual(["courses-1", "perfect-course", "speed-course"]);
    expect(r.body.earned.every((a: { seen: boolean }) => a.seen === false)).toBe(true);
    expect(r.body.inProgress.find((a: { key: string }) => a.key === "courses-5").progress).toEqual({ current: 1, target: 5 });
    const seen = await call("POST", "/users/lr-1/achievements/seen", { keys: ["courses-1", "lessons-100", "nope"] });
    expect(seen).toMatchObject({ status: 200, body: { updated: 1 } });
    expect((await call("POST", "/users/lr-1/achievements/seen", { keys: ["courses-1"] })).body).toEqual({ updated: 0 });
    expectBadRequest(await call("POST", "/users/lr-1/achievements/seen", { keys: "courses-1" }), ["keys"]);
    expect((await call("POST", "/users/nobody/achievements/seen", { keys: [] })).status).toBe(404);
  });

  it("updates a learner's name and zone, and rejects bad ones storing nothing", async () => {
    // A learner of its own: the other tests read Lin's name and zone.
    await call("POST", "/events", login("lr-2", "2026-11-24T09:00:00Z", { user: { displayName: "Lin" } }));
    const r = await call("PATCH", "/users/lr-2", { displayName: "Lin Wei", timezone: "Asia/Shanghai" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: "lr-2", displayName: "Lin Wei", timezone: "Asia/Shanghai" });
    expectBadRequest(await call("PATCH", "/users/lr-2", { timezone: "Asia/Atlantis" }), ["timezone"]);
    expectBadRequest(await call("PATCH", "/users/lr-2", { displayName: "" }), ["displayName"]);
    expect((await db.prisma.learner.findUniqueOrThrow({ where: { userId: "lr-2" } })).timezone).toBe("Asia/Shanghai");
    expect((await call("PATCH", "/users/nobody", { displayName: "X" })).status).toBe(404);
  });
});

describe("achievements", () => {
  it("lists active achievements with their criteria", async () => {
    const r = await call("GET", "/achievements");
    expect(r.status).toBe(200);
    expect(r.body.find((a: { key: string }) => a.key === "lessons-10")).toEqual({
      key: "lessons-10",
      name: "Ten Lessons",
      description: expect.any(String),
      iconUrl: expect.any(String),
      points: 50,
      criterion: { kind: "lessons_completed", threshold: 10 },
    });
    expect(r.body.find((a: { key: string }) => a.key === "speed-course").criterion).toEqual({
      kind: "speed_course",
      threshold: 1,
      withinHours: 24,
    });
  });

  it("serves one with how many learners earned it, 404 for an unknown key, 400 for a malformed one", async () => {
    const r = await call("GET", "/achievements/speed-course");
    expect(r.body).toMatchObject({ key: "speed-course", earnedBy: 1 });
    expect((await call("GET", "/achievements/no-such")).status).toBe(404);
    expectBadRequest(await call("GET", `/achievements/${"x".repeat(65)}`), ["key"]);
  });
});

describe("rate limit and routing", () => {
  it("answers 429 with retry-after past the per-key limit", async () => {
    const limited = await startRestServer(db, { rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.url}/api/v1/achievements`, { headers: { authorization: `Bearer ${key}` } });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get("retry-after");
          expect((await res.json()).error.code).toBe("TOO_MANY_REQUESTS");
        }
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("answers 404 for an unknown route", async () => {
    const r = await call("GET", "/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("NOT_FOUND");
  });
});

describe("GET /openapi.json", () => {
  it("lists exactly the routes served", async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual([
      "DELETE /users/{userId}",
      "GET /achievements",
      "GET /achievements/{key}",
      "GET /courses/{courseId}",
      "GET /health",
      "GET /leaderboards/courses/{courseId}",
      "GET /leaderboards/courses/{courseId}/around/{userId}",
      "GET /leaderboards/global",
      "GET /leaderboards/global/around/{userId}",
      "GET /users/{userId}/achievements",
      "GET /users/{userId}/achievements/{key}/credential",
      "GET /users/{userId}/export",
      "GET /users/{userId}/stats",
      "GET /users/{userId}/streak",
      "PATCH /users/{userId}",
      "POST /events",
      "POST /events/batch",
      "POST /users/{userId}/achievements/seen",
      "PUT /courses/{courseId}",
    ]);
    // Every documented operation answers (401 without a key proves the route exists; 404 would not), and
    // the health check, for load balancers, is the one that needs no key.
    for (const op of documented) {
      const [method, path] = op.split(" ") as [string, string];
      const concrete = path.replace(/\{(\w+)\}/g, "x");
      const res = await fetch(`${server.url}/api/v1${concrete}`, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      expect(res.status, op).toBe(op === "GET /health" ? 200 : 401);
    }
    expect(doc.paths["/health"].get.security).toBeUndefined();
    expect(doc.paths["/users/{userId}/stats"].get.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe("GET /health", () => {
  it("answers 200 { status: ok } without a key while the database answers", async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
